/**
 * The signed-in archivist's scope as the viewer carries it through a request: the account, its register
 * controller and organisation (for page headings), and the access scope that decides what is visible.
 * The rules themselves live in `simulator/access/scope.ts`, shared with the APIs; this module only names
 * the viewer's view of them, and the reader (`reader.ts`) is what applies them.
 */
import type { AccessScope } from '../access/scope.ts';
import type { Archivist, Organisation } from '../domain/registry.ts';

export interface ArchivistScope {
  archivist: Archivist;
  registerController: Organisation;
  /** The organisation the register controller belongs to, when registered. */
  organisation?: Organisation;
  /** What the archivist may see (register controller, its organisation and units). */
  access: AccessScope;
}
