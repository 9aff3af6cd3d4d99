import { useTranslation } from 'react-i18next';

interface PagerProps {
  pageNumber: number;
  totalPages: number;
  totalCount: number;
  onPage: (pageNumber: number) => void;
}

/** Previous / next for a server-paginated list, with where the user is. Hidden when everything fits on one page. */
export function Pager({ pageNumber, totalPages, totalCount, onPage }: PagerProps) {
  const { t } = useTranslation();
  if (totalPages <= 1) return null;

  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button
        type="button"
        className="button button--secondary"
        disabled={pageNumber <= 1}
        onClick={() => onPage(pageNumber - 1)}
      >
        {t('pager.previous')}
      </button>
      <span>{t('pager.position', { page: pageNumber, pages: totalPages, total: totalCount })}</span>
      <button
        type="button"
        className="button button--secondary"
        disabled={pageNumber >= totalPages}
        onClick={() => onPage(pageNumber + 1)}
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
