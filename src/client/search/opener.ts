// The only search code every page loads (keep it tiny): Ctrl/Cmd-K, `/`, or using the header
// search box opens the search dialog, whose code and index are fetched on first use. Without
// JavaScript the header form simply submits to /search/.

type DialogModule = typeof import('./dialog.ts');

let dialogModule: Promise<DialogModule> | undefined;

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

export function setupSearchOpener(doc: Document): void {
  const form = doc.querySelector<HTMLFormElement>('form[data-search-opener]');
  const field = form?.querySelector<HTMLInputElement>('input[name="q"]') ?? null;

  const open = (returnFocus: Element | null, fromField: boolean) => {
    dialogModule ??= import('./dialog.ts');
    dialogModule.then(
      (module) => {
        // Read the field only now: keys typed while the dialog code loaded belong to the query.
        const query = fromField && field ? field.value : undefined;
        if (fromField && field) field.value = '';
        module.openSearchDialog({ query, returnFocus });
      },
      () => {
        dialogModule = undefined;
        // The dialog could not load (offline?): the search page still works as a plain form target.
        form?.submit();
      },
    );
  };

  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    open(field, true);
  });
  field?.addEventListener('input', () => open(field, true));
  field?.addEventListener('click', () => open(field, true));
  doc.addEventListener('keydown', (event) => {
    const mod = event.ctrlKey || event.metaKey;
    if ((mod && event.key.toLowerCase() === 'k' && !event.altKey && !event.shiftKey) || (event.key === '/' && !mod && !event.altKey && !isEditable(event.target))) {
      event.preventDefault();
      open(doc.activeElement, false);
    }
  });
}
