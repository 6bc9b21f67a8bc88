/** Not found and other errors, in the page frame and the reader's language (routes pass translated text). */
import type { VNode } from 'preact';
import { Layout, Notice, PageHead } from '../components.tsx';
import { useT } from '../i18n.tsx';
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
  const t = useT();
  return (
    <Layout title={title} {...(scope !== undefined && { scope })} nav="none">
      <PageHead title={title} />
      <Notice kind="error">{message}</Notice>
      <p>
        <a href="/viewer/find">{t('error.backToFind')}</a>
      </p>
    </Layout>
  );
}
