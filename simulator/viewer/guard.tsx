/**
 * Error boundaries for server rendering, so that one odd stored record (rehearsal mode stores invalid
 * submissions as they came) costs one row or one section, never the page. A `Guard` renders its
 * children, or `fallback` when rendering them throws; `Unreadable` is the marked placeholder.
 *
 * preact-render-to-string honours error boundaries only when preact's `options.errorBoundaries` is set;
 * the viewer is the only server renderer in this process, and turning it on changes nothing for trees
 * without a boundary.
 */
import { Component, options, type ComponentChildren, type VNode } from 'preact';
import { useT } from './i18n.tsx';

(options as { errorBoundaries?: boolean }).errorBoundaries = true;

interface GuardProps {
  /** What to render instead when the children throw. */
  fallback: VNode;
  children?: ComponentChildren;
}

export class Guard extends Component<GuardProps, { failed: boolean }> {
  static override getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ComponentChildren {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The marked placeholder for what a stored record did not let the viewer show. */
export function Unreadable({ what }: { what: string }): VNode {
  const t = useT();
  return (
    <span class="badge badge-warn unreadable" data-testid="unreadable">
      {t('guard.unreadable', { what })}
    </span>
  );
}

/** A table row standing in for a record that could not be rendered. */
export function UnreadableRow({ what, columns }: { what: string; columns: number }): VNode {
  return (
    <tr class="unreadable-row">
      <td colSpan={columns}>
        <Unreadable what={what} />
      </td>
    </tr>
  );
}
