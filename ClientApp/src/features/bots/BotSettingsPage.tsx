import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { botsClient } from '../../api/client';
import type { BotDto, BotLanguage, UpdateBotCommand } from '../../api/generated/virtuops-api';
import { ifMatch } from '../../api/etag';
import { toProblem } from '../../api/problem';
import { CheckboxField } from '../../components/CheckboxField';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ListEditor, listErrors } from '../../components/ListEditor';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { AiDataSharingSection } from './AiDataSharingSection';
import { useBot } from './BotLayout';
import { botLanguages, botQuery, botsQueryKey } from './botQueries';
import { EmbedSnippet } from './EmbedSnippet';

export function BotSettingsPage() {
  const bot = useBot();
  return (
    <>
      {/* Keyed by the bot, so the form starts from the bot's saved values when another bot is opened. */}
      <BotSettingsForm key={bot.id} bot={bot} />
      <StatusSection bot={bot} />
      <EmbedSnippet widgetKey={bot.widgetKey} allowedOrigins={bot.allowedOrigins} />
      <AiDataSharingSection />
      <DeleteSection bot={bot} />
    </>
  );
}

type Settings = Omit<UpdateBotCommand, 'id' | 'persona'> & { persona: string };

function settingsOf(bot: BotDto): Settings {
  return {
    name: bot.name,
    greeting: bot.greeting,
    fallbackMessage: bot.fallbackMessage,
    persona: bot.persona ?? '',
    languages: bot.languages,
    handoffKeywords: bot.handoffKeywords,
    confidenceThreshold: bot.confidenceThreshold,
    allowedOrigins: bot.allowedOrigins,
  };
}

const textFields = ['name', 'greeting', 'fallbackMessage', 'persona', 'languages', 'confidenceThreshold'] as const;
const listFields = ['handoffKeywords', 'allowedOrigins'] as const;

function BotSettingsForm({ bot }: { bot: BotDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [settings, setSettings] = useState<Settings>(() => settingsOf(bot));
  const save = useMutation({
    mutationFn: (command: UpdateBotCommand) => botsClient.updateBot(bot.id, command, ifMatch(bot.version)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(botQuery(bot.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: botsQueryKey, exact: true });
    },
  });
  const problem = save.isError ? toProblem(save.error) : undefined;
  const errors = problem?.fieldErrors;
  // Messages about one keyword or origin (`allowedOrigins[2]`) belong under their list, not at the top.
  const shownFields = [
    ...textFields,
    ...Object.keys(errors ?? {}).filter((field) => listFields.some((list) => field.startsWith(list))),
  ];

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    save.reset();
    setSettings((current) => ({ ...current, [key]: value }));
  };
  const toggleLanguage = (language: BotLanguage, on: boolean) =>
    set(
      'languages',
      // Kept in the fixed order of botLanguages, whatever order they were ticked in.
      botLanguages.filter((l) => (l === language ? on : settings.languages.includes(l))),
    );
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({
      ...settings,
      id: bot.id,
      name: settings.name.trim(),
      greeting: settings.greeting.trim(),
      fallbackMessage: settings.fallbackMessage.trim(),
      persona: settings.persona.trim() || undefined,
    });
  };

  return (
    <>
      <h2>{t('bots.settingsTitle')}</h2>
      <FormProblem problem={problem} fields={shownFields} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={save.isPending}>
        <FormField name="name" label={t('bots.name')} errors={errors?.name}>
          <input type="text" autoComplete="off" maxLength={100} value={settings.name} onChange={(e) => set('name', e.target.value)} />
        </FormField>
        <FormField name="greeting" label={t('bots.greeting')} errors={errors?.greeting}>
          <textarea rows={2} maxLength={500} value={settings.greeting} onChange={(e) => set('greeting', e.target.value)} />
        </FormField>
        <FormField name="fallbackMessage" label={t('bots.fallbackMessage')} errors={errors?.fallbackMessage}>
          <textarea
            rows={2}
            maxLength={500}
            value={settings.fallbackMessage}
            onChange={(e) => set('fallbackMessage', e.target.value)}
          />
        </FormField>
        <FormField name="persona" label={t('bots.persona')} optional errors={errors?.persona}>
          <textarea rows={3} maxLength={2000} value={settings.persona} onChange={(e) => set('persona', e.target.value)} />
        </FormField>
        <p className="muted hint">{t('bots.personaHint')}</p>

        <fieldset className="fieldset">
          <legend>{t('bots.languages')}</legend>
          {botLanguages.map((language) => (
            <CheckboxField
              key={language}
              name={`language-${language}`}
              checked={settings.languages.includes(language)}
              onChange={(on) => toggleLanguage(language, on)}
            >
              {t(`bots.language.${language}`)}
            </CheckboxField>
          ))}
          {errors?.languages && (
            <p className="field__error" data-testid="error-languages">
              {errors.languages.join(' ')}
            </p>
          )}
        </fieldset>

        <ListEditor
          name="handoffKeywords"
          label={t('bots.handoffKeywords')}
          hint={t('bots.handoffKeywordsHint')}
          items={settings.handoffKeywords}
          onChange={(items) => set('handoffKeywords', items)}
          maxLength={50}
          errors={listErrors(errors, 'handoffKeywords')}
        />

        <FormField name="confidenceThreshold" label={t('bots.threshold')} errors={errors?.confidenceThreshold}>
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={settings.confidenceThreshold}
            aria-valuetext={formatPercent(settings.confidenceThreshold)}
            onChange={(e) => set('confidenceThreshold', Number(e.target.value))}
          />
        </FormField>
        <p className="muted hint">
          <output htmlFor="field-confidenceThreshold" data-testid="threshold-value">
            {formatPercent(settings.confidenceThreshold)}
          </output>{' '}
          — {t('bots.thresholdHint')}
        </p>

        <ListEditor
          name="allowedOrigins"
          label={t('bots.allowedOrigins')}
          hint={t('bots.allowedOriginsHint')}
          items={settings.allowedOrigins}
          onChange={(items) => set('allowedOrigins', items)}
          placeholder="https://shop.uz"
          maxLength={200}
          errors={listErrors(errors, 'allowedOrigins')}
        />

        <SubmitButton pending={save.isPending} label={t('forms.save')} pendingLabel={t('forms.saving')} />
        {save.isSuccess && <p role="status">{t('forms.saved')}</p>}
      </form>
    </>
  );
}

function formatPercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function StatusSection({ bot }: { bot: BotDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const paused = bot.status === 'Paused';
  const toggle = useMutation({
    mutationFn: () => (paused ? botsClient.resumeBot(bot.id) : botsClient.pauseBot(bot.id)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: botsQueryKey }),
  });

  return (
    <>
      <h2>{t('bots.statusTitle')}</h2>
      {toggle.isError && <ProblemMessage problem={toProblem(toggle.error)} />}
      <div className="panel status-row">
        <p data-testid="bot-status">
          <span className={`badge badge--${paused ? 'muted' : 'ok'}`}>{t(`bots.statusValue.${bot.status}`)}</span>{' '}
          {paused ? t('bots.pausedText') : t('bots.activeText')}
        </p>
        <button
          type="button"
          className="button button--secondary"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate()}
        >
          {paused ? t('bots.resume') : t('bots.pause')}
        </button>
      </div>
    </>
  );
}

function DeleteSection({ bot }: { bot: BotDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => botsClient.deleteBot(bot.id, ifMatch(bot.version)),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: botQuery(bot.id).queryKey });
      await queryClient.invalidateQueries({ queryKey: botsQueryKey });
      await navigate('/bots', { replace: true });
    },
  });

  return (
    <>
      <h2>{t('bots.deleteTitle')}</h2>
      {remove.isError && <ProblemMessage problem={toProblem(remove.error)} />}
      {confirming ? (
        <ConfirmDialog
          title={t('bots.deleteConfirmTitle', { name: bot.name })}
          confirmLabel={t('bots.delete')}
          pending={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('bots.deleteText')}</p>
        </ConfirmDialog>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          {t('bots.delete')}
        </button>
      )}
    </>
  );
}
