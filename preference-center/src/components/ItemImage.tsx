/**
 * A picture for a catalog item, drawn here from its category and brand (no image is fetched from
 * anywhere): the same colours and letters for the same kind of product, so a list is easy to scan.
 */
export function ItemImage({ category, brand }: { category: string; brand: string }) {
  const hue = hash(category) % 360;
  const accent = (hue + 40 + (hash(brand) % 80)) % 360;
  return (
    <svg className="item-image" viewBox="0 0 160 90" aria-hidden="true" focusable="false" data-generated-image={category}>
      <rect width="160" height="90" fill={`hsl(${hue} 45% 88%)`} />
      <circle cx="128" cy="22" r="38" fill={`hsl(${accent} 50% 72%)`} />
      <rect x="14" y="52" width="70" height="24" rx="6" fill={`hsl(${hue} 40% 30%)`} />
      <text x="49" y="69" textAnchor="middle" fontSize="13" fontFamily="system-ui, sans-serif" fill="#fff">
        {brand.slice(0, 10)}
      </text>
      <text x="16" y="38" fontSize="26" fontWeight="700" fontFamily="system-ui, sans-serif" fill={`hsl(${hue} 45% 22%)`}>
        {category.slice(0, 1).toUpperCase() + category.slice(1, 3)}
      </text>
    </svg>
  );
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}
