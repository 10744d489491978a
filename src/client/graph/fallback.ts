// What a graph view shows when it cannot draw: the server-rendered fallback (made visible again)
// and a short note saying why. Shared by the boot script and both views.

/** Show `text` in the view's note, un-hide its fallback list and hide the empty canvas. */
export function showNote(root: HTMLElement, text: string): void {
  const note = root.querySelector<HTMLElement>('[data-graph-note]');
  if (note !== null) {
    note.textContent = text;
    note.hidden = false;
  }
  root.querySelector<HTMLElement>('[data-graph-fallback]')?.classList.remove('visually-hidden');
  const canvas = root.querySelector<HTMLElement>('[data-graph-canvas]');
  if (canvas !== null) canvas.hidden = true;
}
