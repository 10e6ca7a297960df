export const PAGE_SIZE = 50

/**
 * The page a `?page=` asks for. Anything that is not a positive whole number is page 1, so a
 * mangled link still opens the list rather than an error.
 */
export function pageParam(raw: string | null): number {
  if (!raw || !/^[1-9][0-9]{0,5}$/.test(raw)) return 1
  return Number(raw)
}

export interface PageWindow {
  page: number
  pageCount: number
  /** 1-based positions of the first and last row shown; 0 and 0 when there are none. */
  first: number
  last: number
  total: number
}

/**
 * Where a page falls in `total` rows. A page past the end (the list shrank since the link was
 * made) is the last page.
 */
export function pageWindow(asked: number, total: number, size = PAGE_SIZE): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / size))
  const page = Math.min(Math.max(1, asked), pageCount)
  const first = total === 0 ? 0 : (page - 1) * size + 1
  return { page, pageCount, first, last: Math.min(total, page * size), total }
}

export const offsetOf = (window: PageWindow, size = PAGE_SIZE) => (window.page - 1) * size

/** "Showing 1–50 of 1,234". */
export function showingText({ first, last, total }: PageWindow) {
  if (total === 0) return 'Showing 0 of 0'
  return `Showing ${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${total.toLocaleString('en')}`
}
