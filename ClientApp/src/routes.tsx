import type { RouteObject } from 'react-router';
import { Layout } from './components/Layout';
import { DemoRequestPage } from './features/demo-requests/DemoRequestPage';
import { NotFoundPage } from './features/not-found/NotFoundPage';
import { SystemStatusPage } from './features/system/SystemStatusPage';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <SystemStatusPage /> },
      { path: 'demo', element: <DemoRequestPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
