import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { billingClient } from '../../api/client';
import type { CardOtpSentDto, CheckoutPurpose } from '../../api/generated/virtuops-api';
import { toProblem, type Problem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { SubmitButton } from '../../components/SubmitButton';
import { billingQueryKey } from './billingQueries';
import { cardDigits, expiryProblem, groupCardNumber, isAcceptableCardNumber, typeExpiry } from './cardNumber';

interface CardFormProps {
  planCode: string;
  purpose: CheckoutPurpose;
  onClose: () => void;
}

// Codes after which the binding is over: a new code needs the card sent again.
const bindingEnded = new Set(['otp_expired', 'too_many_attempts']);

/**
 * The card form (Paylov:CardBinding = Direct): number and expiry are checked here by the server's rules, posted once to
 * /api/billing/card (which forwards them to Paylov and keeps neither), then Paylov's SMS code confirms the card. The
 * number stays in this component's memory only, so "send a new code" can post it again.
 */
export function CardForm({ planCode, purpose, onClose }: CardFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [otp, setOtp] = useState('');
  const [checked, setChecked] = useState<Record<string, string[]>>({});
  const [sent, setSent] = useState<CardOtpSentDto | null>(null);

  const start = useMutation({
    mutationFn: () => billingClient.startCardBinding({ cardNumber: cardDigits(number), expiry, planCode, purpose }),
    onSuccess: (answer) => {
      setSent(answer);
      setOtp('');
      confirm.reset();
    },
  });
  const confirm = useMutation({
    mutationFn: (bindingId: string) => billingClient.confirmCardBinding({ bindingId, otp }),
    onSuccess: onClose,
    // Not awaited: the answer (or the refusal) shows at once, while the page's data reloads behind it.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: billingQueryKey }),
  });

  const submitCard = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    if (!isAcceptableCardNumber(cardDigits(number))) errors.cardNumber = [t('billing.cardForm.invalidNumber')];
    const expiryCheck = expiryProblem(expiry);
    if (expiryCheck) errors.expiry = [t(expiryCheck === 'expired' ? 'billing.cardForm.expired' : 'billing.cardForm.invalidExpiry')];
    setChecked(errors);
    if (Object.keys(errors).length === 0) start.mutate();
  };

  if (sent) {
    const problem: Problem | undefined = confirm.error ? toProblem(confirm.error) : start.error ? toProblem(start.error) : undefined;
    const ended = !!problem?.code && bindingEnded.has(problem.code);
    const attemptsLeft = problem?.attemptsLeft ?? sent.attemptsLeft;
    return (
      <form
        className="panel"
        data-testid="card-otp-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!ended) confirm.mutate(sent.bindingId);
        }}
      >
        <h3>{t('billing.cardForm.otpTitle')}</h3>
        <p>
          {t('billing.cardForm.otpSent', { phone: sent.maskedPhone })} {t('billing.cardForm.otpValidUntil')}{' '}
          <DateTime value={sent.expiresAt} />
        </p>
        <FormProblem problem={problem} fields={['otp']} />
        {!ended && (
          <>
            <FormField name="otp" label={t('billing.cardForm.otp')} errors={problem?.fieldErrors.otp}>
              <input
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={8}
                value={otp}
                onChange={(event) => setOtp(event.target.value.replace(/\D/g, ''))}
              />
            </FormField>
            <p className="muted" data-testid="otp-attempts">
              {t('billing.cardForm.attemptsLeft', { count: attemptsLeft })}
            </p>
            <SubmitButton pending={confirm.isPending} label={t('billing.cardForm.confirm')} pendingLabel={t('billing.cardForm.confirming')} />
          </>
        )}{' '}
        <button type="button" className="button button--secondary" disabled={start.isPending} onClick={() => start.mutate()}>
          {t('billing.cardForm.resend')}
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </form>
    );
  }

  const problem = start.error ? toProblem(start.error) : undefined;
  const errors = (field: 'cardNumber' | 'expiry') => checked[field] ?? problem?.fieldErrors[field];
  return (
    <form className="panel" data-testid="card-form" noValidate onSubmit={submitCard}>
      <h3>{t('billing.cardForm.title')}</h3>
      <p className="muted">{t('billing.cardForm.privacy')}</p>
      <FormProblem problem={problem} fields={['cardNumber', 'expiry']} />
      <FormField name="cardNumber" label={t('billing.cardForm.number')} errors={errors('cardNumber')}>
        <input
          type="text"
          inputMode="numeric"
          autoComplete="cc-number"
          placeholder="8600 0000 0000 0000"
          value={number}
          onChange={(event) => setNumber(groupCardNumber(event.target.value))}
        />
      </FormField>
      <FormField name="expiry" label={t('billing.cardForm.expiry')} errors={errors('expiry')}>
        <input
          type="text"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder={t('billing.cardForm.expiryPlaceholder')}
          value={expiry}
          onChange={(event) => setExpiry(typeExpiry(event.target.value))}
        />
      </FormField>
      <SubmitButton pending={start.isPending} label={t('billing.cardForm.send')} pendingLabel={t('billing.cardForm.sending')} />{' '}
      <button type="button" className="button button--secondary" onClick={onClose}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
