type Json = Record<string, unknown>;

/** The callback values of a card's buttons, by button name (or text): what a click sends back. */
export function buttons(card: unknown): Record<string, Json> {
  const out: Record<string, Json> = {};
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    const o = v as Json;
    if (o.tag === "button")
      out[String(o.name ?? (o.text as Json)?.content)] = (o.behaviors as Json[])[0]!.value as Json;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}
