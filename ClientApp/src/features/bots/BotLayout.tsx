import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useParams } from 'react-router';
import type { BotDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { isOwner, useSignedInAccount } from '../auth/account';
import { botQuery } from './botQueries';

/** One bot's pages (settings, knowledge, playground, channels) under its name, with tabs between them. */
export function BotLayout() {
  const { t } = useTranslation();
  const { botId = '' } = useParams();
  const account = useSignedInAccount();
  const bot = useQuery(botQuery(botId));

  if (bot.isPending) return <p role="status">{t('common.loading')}</p>;
  if (bot.isError) return <ProblemMessage problem={toProblem(bot.error)} onRetry={() => void bot.refetch()} />;

  return (
    <section>
      <p>
        <NavLink to="/bots">← {t('bots.backToList')}</NavLink>
      </p>
      <h1>{bot.data.name}</h1>
      <nav className="tabs" aria-label={t('bots.sections')}>
        {isOwner(account) && <NavLink to="settings">{t('bots.settingsTab')}</NavLink>}
        <NavLink to="knowledge">{t('bots.knowledgeTab')}</NavLink>
        <NavLink to="playground">{t('bots.playgroundTab')}</NavLink>
        {isOwner(account) && <NavLink to="channels">{t('bots.channelsTab')}</NavLink>}
      </nav>
      <Outlet />
    </section>
  );
}

/** The bot BotLayout loaded, for the pages inside it (from the cache; BotLayout renders them only once it is there). */
export function useBot(): BotDto {
  const { botId = '' } = useParams();
  const { data } = useQuery(botQuery(botId));
  if (!data) throw new Error('useBot is for pages inside BotLayout.');
  return data;
}

/** `/bots/:id` opens the first tab the user may see: settings for the owner, knowledge for agents. */
export function BotIndexRedirect() {
  const account = useSignedInAccount();
  return <Navigate to={isOwner(account) ? 'settings' : 'knowledge'} replace />;
}
