/** Not found and other errors, in the page frame. */
import type { VNode } from 'preact';
import { Layout, Notice, PageHead } from '../components.tsx';
import type { ArchivistScope } from '../scope.ts';

export function ErrorPage({
  scope,
  title,
  message,
}: {
  scope?: ArchivistScope | undefined;
  title: string;
  message: string;
}): VNode {
  return (
    <Layout title={title} {...(scope !== undefined && { scope })} nav="none">
      <PageHead title={title} />
      <Notice kind="error">{message}</Notice>
      <p>
        <a href="/viewer/find">Back to Find</a>
      </p>
    </Layout>
  );
}
