/**
 * `target[name] = value` for a name a client chose (a header or query key): `__proto__` becomes an own property,
 * as Object.fromEntries and JSON.parse make it, instead of replacing the object's prototype.
 */
export function setOwn<T>(target: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
  else target[name] = value;
}
