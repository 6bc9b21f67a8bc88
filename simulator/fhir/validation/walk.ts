/**
 * Visits every JSON object inside a resource with its FHIRPath-style location (`Appointment.participant[0]
 * .actor.identifier`). Rules that look for a shape anywhere (identity codes, local references) use it.
 */
export function visitObjects(
  node: unknown,
  path: string,
  visit: (object: Record<string, unknown>, path: string) => void,
  skipKey: (key: string) => boolean = () => false,
): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      visitObjects(v, `${path}[${i}]`, visit, skipKey);
    });
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  visit(object, path);
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'object' && !skipKey(key)) visitObjects(value, `${path}.${key}`, visit, skipKey);
  }
}
