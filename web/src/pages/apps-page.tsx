import { useParams, useSearchParams } from 'react-router';
import { PageTitle } from '../components/page-title.tsx';
import { AppDetailView } from '../features/apps/app-detail.tsx';
import { AppsList } from '../features/apps/apps-list.tsx';

// /apps (the inventory, filters in the URL) and /apps/:key?connectionId=… (one app).
export function AppsPage() {
  const { key } = useParams();
  const [search] = useSearchParams();
  if (key !== undefined) return <AppDetailView appKey={key} connectionId={search.get('connectionId')} />;
  return (
    <>
      <PageTitle>Apps</PageTitle>
      <AppsList />
    </>
  );
}
