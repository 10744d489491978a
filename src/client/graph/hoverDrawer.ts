// sigma's hover label with the page's background instead of its fixed white box, so labels stay
// legible in dark mode. Same geometry as sigma's drawDiscNodeHover.
import type { Attributes } from 'graphology-types';
import type { NodeHoverDrawingFunction, NodeLabelDrawingFunction } from 'sigma/rendering';
import type { CanvasTheme } from './theme.ts';

export function hoverDrawer<N extends Attributes, E extends Attributes>(
  theme: () => CanvasTheme,
  drawLabel: NodeLabelDrawingFunction<N, E>,
): NodeHoverDrawingFunction<N, E> {
  return (context, data, settings) => {
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    context.fillStyle = theme().bg;
    context.shadowBlur = 8;
    context.shadowColor = 'rgba(0, 0, 0, 0.35)';
    const padding = 2;
    const radius = Math.max(data.size, size / 2) + padding;
    if (typeof data.label === 'string') {
      const width = Math.round(context.measureText(data.label).width + 5);
      const height = Math.round(size + 2 * padding);
      const angle = Math.asin(Math.min(1, height / 2 / radius));
      const dx = Math.sqrt(Math.abs(radius ** 2 - (height / 2) ** 2));
      context.beginPath();
      context.moveTo(data.x + dx, data.y + height / 2);
      context.lineTo(data.x + radius + width, data.y + height / 2);
      context.lineTo(data.x + radius + width, data.y - height / 2);
      context.lineTo(data.x + dx, data.y - height / 2);
      context.arc(data.x, data.y, radius, angle, -angle);
      context.closePath();
      context.fill();
    } else {
      context.beginPath();
      context.arc(data.x, data.y, radius, 0, Math.PI * 2);
      context.closePath();
      context.fill();
    }
    context.shadowBlur = 0;
    drawLabel(context, data, settings);
  };
}
