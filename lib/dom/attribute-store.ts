/**
 * The original value of every attribute a feature rewrote, for an exact restore. The attribute
 * counterpart of the text nodes' `OriginalTextStore`: an attribute the page itself changed after
 * Qingdu wrote it is the page's again and is never restored over.
 */

interface AttributeRecord {
  /** The page's value, or null when the attribute was absent. */
  original: string | null;
  written: string;
}

export class OriginalAttributeStore {
  private readonly records = new Map<Element, Map<string, AttributeRecord>>();

  /** The page's own value of `name`: the original while the element still holds what Qingdu wrote. */
  readOriginal(element: Element, name: string): string | null {
    const current = element.getAttribute(name);
    const record = this.records.get(element)?.get(name);
    if (!record) return current;
    if (current === record.written) return record.original;
    this.forget(element, name);
    return current;
  }

  /**
   * Set `name` to `value` computed from the page's original (`readOriginal`). Writing the original
   * back forgets the record; nothing is written when the value is already there.
   */
  write(element: Element, name: string, value: string): void {
    const original = this.readOriginal(element, name);
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
    if (value === original) {
      this.forget(element, name);
      return;
    }
    let byName = this.records.get(element);
    if (!byName) {
      byName = new Map();
      this.records.set(element, byName);
    }
    byName.set(name, { original, written: value });
  }

  private forget(element: Element, name: string): void {
    const byName = this.records.get(element);
    byName?.delete(name);
    if (byName?.size === 0) this.records.delete(element);
  }

  /** Elements with an attribute Qingdu rewrote. */
  get size(): number {
    return this.records.size;
  }

  /** The attribute names Qingdu rewrote anywhere. */
  names(): string[] {
    const names = new Set<string>();
    for (const byName of this.records.values()) for (const name of byName.keys()) names.add(name);
    return [...names];
  }

  /** Put back the page's value of every attribute of `element` that still holds Qingdu's. */
  restoreElement(element: Element): void {
    const byName = this.records.get(element);
    if (!byName) return;
    for (const [name, record] of byName) {
      if (element.getAttribute(name) !== record.written) continue;
      if (record.original === null) element.removeAttribute(name);
      else element.setAttribute(name, record.original);
    }
    this.records.delete(element);
  }

  /** Put back every attribute that still holds Qingdu's value; empty the store. */
  restoreAll(): number {
    let restored = 0;
    for (const [element, byName] of this.records) {
      for (const [name, record] of byName) {
        if (element.getAttribute(name) !== record.written) continue;
        if (record.original === null) element.removeAttribute(name);
        else element.setAttribute(name, record.original);
        restored++;
      }
    }
    this.records.clear();
    return restored;
  }
}
