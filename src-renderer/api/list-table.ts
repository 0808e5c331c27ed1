/**
 * What every plain list table of a screen shares: rows keyed by `id`, middle size, all rows on one
 * page, the list query's rows (none until it answers) and its loading state, and the words shown when
 * there are none. Columns, scrolling and row clicks stay with the screen:
 * `<Table<Row> {...listTableProps(list, emptyText)} columns={columns} />`.
 */
export function listTableProps<Row extends { id: string }>(query: { data?: Row[]; isPending: boolean }, emptyText?: string) {
  return {
    rowKey: 'id' as const,
    size: 'middle' as const,
    dataSource: query.data ?? [],
    loading: query.isPending,
    pagination: false as const,
    ...(emptyText === undefined ? {} : { locale: { emptyText } }),
  };
}
