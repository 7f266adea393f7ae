type Rgb = readonly [number, number, number];

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#abc` or `#aabbcc` → channels 0–255; anything else → undefined. */
export function parseHexColor(value: string): Rgb | undefined {
  if (!HEX.test(value)) return undefined;
  const hex = value.length === 4 ? [...value.slice(1)].map((c) => c + c).join("") : value.slice(1);
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
}

// WCAG 2.x relative luminance.
function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours, 1–21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [17, 17, 24];

/**
 * Theme custom properties for a merchant's primary colour, with the text colour that reads
 * best on it. An invalid colour (it is merchant input) yields none, keeping the defaults.
 */
export function brandTokens(primaryColor: string): Record<string, string> {
  const primary = parseHexColor(primaryColor);
  if (!primary) return {};
  const onPrimary = contrastRatio(primary, WHITE) >= contrastRatio(primary, INK) ? "#ffffff" : "#111118";
  return { "--pt-color-primary": primaryColor, "--pt-color-on-primary": onPrimary };
}

/** Applies the branding tokens to the document, so portals and dialogs get them too. */
export function applyBranding(primaryColor: string, root: HTMLElement = document.documentElement): void {
  for (const [name, value] of Object.entries(brandTokens(primaryColor))) root.style.setProperty(name, value);
}
