import { useMemo } from 'react';
import { create } from 'qrcode';

/**
 * A QR code as one SVG path of its dark modules, inside a four-module quiet zone: drawn by the page itself, so the
 * console's content policy (no inline styles, no data: images) holds.
 */
export function QrCode({ text, label, size = 208 }: { text: string; label: string; size?: number }) {
  const { modules, path } = useMemo(() => {
    const matrix = create(text, { errorCorrectionLevel: 'M' }).modules;
    let d = '';
    for (let row = 0; row < matrix.size; row++) {
      for (let column = 0; column < matrix.size; column++) {
        if (matrix.get(row, column)) d += `M${column + 4} ${row + 4}h1v1h-1z`;
      }
    }
    return { modules: matrix.size + 8, path: d };
  }, [text]);
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${modules} ${modules}`}
      shapeRendering="crispEdges" className="bg-white" data-testid="qr-code">
      <path d={path} fill="#000" />
    </svg>
  );
}
