/** kantasim's version, shown by `kantasim --version` and /healthz; a module of its own so the command can show it without loading the simulator. */
export const VERSION = '0.1.0';
