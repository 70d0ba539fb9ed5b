/** The ORUK/HSDS pagination envelope around a list endpoint's contents. */
export function toOrukPage<T>(contents: readonly T[], totalItems: number, page: number, perPage: number) {
  const totalPages = Math.ceil(totalItems / perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Pages an in-memory list (the vocabularies are small and fixed). */
export function pageOf<T>(all: readonly T[], page: number, perPage: number) {
  return toOrukPage(all.slice((page - 1) * perPage, page * perPage), all.length, page, perPage);
}
