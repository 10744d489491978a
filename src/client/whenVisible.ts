// Runs `start` once for each element when it comes within `rootMargin` of the viewport (at once in
// browsers without IntersectionObserver): how islands load their code only when a reader gets there.
export function whenVisible(elements: Iterable<HTMLElement>, start: (element: HTMLElement) => void, rootMargin = '200px 0px'): void {
  const list = [...elements];
  if (!('IntersectionObserver' in window)) {
    list.forEach(start);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        start(entry.target as HTMLElement);
      }
    },
    { rootMargin },
  );
  list.forEach((element) => observer.observe(element));
}
