import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { teamClient } from '../../api/client';
import type { InviteAgentCommand, TeamMemberDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { useFormFields } from '../../components/useFormFields';
import { roles, userDataKey } from '../auth/account';

const membersQueryKey = [...userDataKey, 'team'] as const;

export function TeamPage() {
  const { t } = useTranslation();

  return (
    <section>
      <h1>{t('team.title')}</h1>
      <Members />
      <h2>{t('team.inviteTitle')}</h2>
      <p className="muted">{t('team.inviteIntro')}</p>
      <InviteForm />
    </section>
  );
}

function Members() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<TeamMemberDto | undefined>(undefined);
  const members = useQuery({
    queryKey: membersQueryKey,
    queryFn: ({ signal }) => teamClient.getTeamMembers(signal),
  });
  const remove = useMutation({
    mutationFn: (id: string) => teamClient.removeTeamMember(id),
    onSuccess: () => setRemoving(undefined),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });

  if (members.isPending) return <p role="status">{t('common.loading')}</p>;
  if (members.isError) {
    return <ProblemMessage problem={toProblem(members.error)} onRetry={() => void members.refetch()} />;
  }

  return (
    <>
      {remove.isError && <ProblemMessage problem={toProblem(remove.error)} />}
      {removing && (
        <ConfirmDialog
          title={t('team.removeTitle', { name: removing.fullName })}
          confirmLabel={t('team.remove')}
          pending={remove.isPending}
          onConfirm={() => remove.mutate(removing.id)}
          onCancel={() => setRemoving(undefined)}
        >
          <p>{t('team.removeText', { email: removing.email })}</p>
        </ConfirmDialog>
      )}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('team.fullName')}</th>
            <th scope="col">{t('team.email')}</th>
            <th scope="col">{t('team.role')}</th>
            <th scope="col">{t('team.phone')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.data.map((member) => (
            <tr key={member.id} data-testid="team-member">
              <td>{member.fullName}</td>
              <td>{member.email}</td>
              <td>{member.role === roles.owner ? t('team.owner') : t('team.agent')}</td>
              <td>{member.phoneNumberConfirmed ? t('team.phoneVerified') : t('team.phoneNotVerified')}</td>
              <td>
                {/* The owner cannot be removed; the server refuses it too. */}
                {member.role !== roles.owner && (
                  <button type="button" className="button button--secondary" onClick={() => setRemoving(member)}>
                    {t('team.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { values, bind, reset } = useFormFields({ fullName: '', email: '' });
  const invite = useMutation({
    mutationFn: (command: InviteAgentCommand) => teamClient.inviteAgent(command),
    onSuccess: async () => {
      reset();
      await queryClient.invalidateQueries({ queryKey: membersQueryKey });
    },
  });
  const problem = invite.isError ? toProblem(invite.error) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    invite.mutate({ fullName: values.fullName.trim(), email: values.email.trim() });
  };

  return (
    <>
      <FormProblem problem={problem} fields={['fullName', 'email']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={invite.isPending}>
        <FormField name="fullName" label={t('team.fullName')} errors={problem?.fieldErrors.fullName}>
          <input type="text" autoComplete="off" maxLength={200} {...bind('fullName')} />
        </FormField>
        <FormField name="email" label={t('team.email')} errors={problem?.fieldErrors.email}>
          <input type="email" autoComplete="off" maxLength={254} {...bind('email')} />
        </FormField>
        <SubmitButton pending={invite.isPending} label={t('team.invite')} pendingLabel={t('forms.sending')} />
        {invite.isSuccess && <p role="status">{t('team.invited', { email: invite.variables.email })}</p>}
      </form>
    </>
  );
}
