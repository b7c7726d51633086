// The framework tree of an assessment as a list of cards, for phones: each leaf criterion is one card
// (code, title and flags in the header, then one labelled line per column of the desktop table: max,
// self score, explanation, department, evidence, appraisal...), each area a header with its totals.
// It renders the same column definitions as the desktop table, so both views show the same editors
// with the same test ids.
import type { ReactNode } from 'react';
import type { ColumnType, ColumnsType } from 'antd/es/table';

export interface CardNode {
  code: string;
  leaf: boolean;
  children?: CardNode[];
}

/** Column keys shown in a card's header rather than as a labelled line. */
const HEADER_KEYS = new Set(['code', 'title', 'history']);

function columnKey<T>(column: ColumnType<T>): string {
  return String(column.key ?? column.dataIndex ?? '');
}

function renderCell<T extends CardNode>(column: ColumnType<T> | undefined, node: T): ReactNode {
  if (!column?.render) return null;
  const value = column.dataIndex ? (node as unknown as Record<string, unknown>)[String(column.dataIndex)] : undefined;
  const cell = column.render(value, node, 0);
  // A column may return { children, props } (RenderedCell): show its children.
  if (cell && typeof cell === 'object' && 'children' in (cell as object) && 'props' in (cell as object) && !('type' in (cell as object))) {
    return (cell as { children: ReactNode }).children;
  }
  return cell as ReactNode;
}

function isEmpty(cell: ReactNode): boolean {
  return cell === null || cell === undefined || cell === false || cell === '';
}

function Field({ label, children, name }: { label: ReactNode; children: ReactNode; name: string }) {
  return (
    <div className={`criterion-card-field criterion-card-${name}`}>
      <div className="criterion-card-label">{label}</div>
      <div className="criterion-card-value">{children}</div>
    </div>
  );
}

function NodeCards<T extends CardNode>({ node, columns, depth }: { node: T; columns: ColumnType<T>[]; depth: number }) {
  const byKey = new Map(columns.map((c) => [columnKey(c), c]));
  const fields = columns.filter((c) => !HEADER_KEYS.has(columnKey(c)));
  const code = renderCell(byKey.get('code'), node);
  const title = renderCell(byKey.get('title'), node);
  const history = renderCell(byKey.get('history'), node);
  if (!node.leaf) {
    const totals = fields.map((c) => [c, renderCell(c, node)] as const).filter(([, cell]) => !isEmpty(cell));
    return (
      <section className={`area-card depth-${Math.min(depth, 2)}`} data-testid={`area-card-${node.code}`}>
        <div className="area-card-header">
          <div className="area-card-title">
            {code} {title}
          </div>
          {totals.length > 0 && (
            <div className="area-card-totals">
              {totals.map(([c, cell]) => (
                <span key={columnKey(c)} className="area-card-total">
                  <span className="criterion-card-label">{c.title as ReactNode}</span> {cell}
                </span>
              ))}
            </div>
          )}
        </div>
        {(node.children as T[] | undefined)?.map((child) => (
          <NodeCards key={child.code} node={child} columns={columns} depth={depth + 1} />
        ))}
      </section>
    );
  }
  return (
    <article className="criterion-card" data-testid={`criterion-card-${node.code}`}>
      <div className="criterion-card-header">
        <div className="criterion-card-code">{code}</div>
        <div className="criterion-card-heading">{title}</div>
        {!isEmpty(history) && <div className="criterion-card-history">{history}</div>}
      </div>
      {fields.map((c) => {
        const cell = renderCell(c, node);
        return isEmpty(cell) ? null : (
          <Field key={columnKey(c)} name={columnKey(c)} label={c.title as ReactNode}>
            {cell}
          </Field>
        );
      })}
    </article>
  );
}

/** The tree as cards; `testid` names the container (the desktop table's test id, so tests find either). */
export function AssessmentCards<T extends CardNode>({ tree, columns, testid }: { tree: T[]; columns: ColumnsType<T>; testid?: string }) {
  const flat = columns as ColumnType<T>[];
  return (
    <div className="assessment-cards" data-testid={testid}>
      {tree.map((node) => (
        <NodeCards key={node.code} node={node} columns={flat} depth={0} />
      ))}
    </div>
  );
}
