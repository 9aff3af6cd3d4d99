import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, apiKeysClient } from '../../api/client';
import type { ApiKeyDto } from '../../api/generated/virtuops-api';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const key = 'vo_E4vGG92L33rqyrEwoSs-98jqopZp21Zw0ctkjMWoqS0';
const listed: ApiKeyDto = {
  id: '0196f2c4-0000-7000-8000-0000000000aa',
  name: 'CRM',
  prefix: 'vo_E4vGG92L3',
  scopes: ['Read', 'Write'],
  created: '2026-04-20T10:00:00Z',
};

describe('ApiKeysPage', () => {
  it('shows a new key once, with a copy button, and afterwards only its prefix', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(apiKeysClient.getApiKeys).mockResolvedValueOnce([]).mockResolvedValue([listed]);
    vi.mocked(apiKeysClient.createApiKey).mockResolvedValue({ ...listed, key });
    renderRoute('/account/api-keys');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Nomi'), 'CRM');
    await user.click(screen.getByRole('checkbox', { name: 'Yozish' }));
    await user.click(screen.getByRole('button', { name: 'Kalit yaratish' }));

    const created = await screen.findByTestId('created-key');
    expect(within(created).getByLabelText('API kaliti')).toHaveValue(key);
    expect(apiKeysClient.createApiKey).toHaveBeenCalledWith({ name: 'CRM', scopes: ['Read', 'Write'] });
    await user.click(within(created).getByRole('button', { name: 'Nusxalash' }));
    expect(await within(created).findByText('Nusxalandi.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(key);

    await user.click(within(created).getByRole('button', { name: 'Saqladim' }));

    expect(screen.queryByTestId('created-key')).not.toBeInTheDocument();
    const row = await screen.findByTestId('api-key');
    expect(row).toHaveTextContent('vo_E4vGG92L3…');
    expect(row).toHaveTextContent('Oʻqish, Yozish');
    expect(row).toHaveTextContent('Ishlatilmagan');
    expect(document.body).not.toHaveTextContent(key);
  });

  it('lists each key with its scopes and when it was last used', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(apiKeysClient.getApiKeys).mockResolvedValue([
      { ...listed, scopes: ['Read'], lastUsedAt: '2026-05-02T09:41:00Z' },
      { ...listed, id: '0196f2c4-0000-7000-8000-0000000000ab', name: '1C', prefix: 'vo_1Cxxxxxxx', scopes: ['Write'] },
    ]);
    renderRoute('/account/api-keys');

    const [crm, oneC] = await screen.findAllByTestId('api-key');
    expect(crm).toHaveTextContent('Oʻqish');
    expect(crm).not.toHaveTextContent('Yozish');
    expect(within(crm!).getByText((_, element) => element?.tagName === 'TIME' && element.getAttribute('datetime') === '2026-05-02T09:41:00.000Z')).toBeInTheDocument();
    expect(crm).not.toHaveTextContent('Ishlatilmagan');
    expect(oneC).toHaveTextContent('Yozish');
    expect(oneC).toHaveTextContent('Ishlatilmagan');
  });

  it('shows the scope error the server returns', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(apiKeysClient.getApiKeys).mockResolvedValue([]);
    vi.mocked(apiKeysClient.createApiKey).mockRejectedValue({
      status: 400,
      errors: { scopes: ['Choose the read scope, the write scope, or both.'] },
    });
    renderRoute('/account/api-keys');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Nomi'), 'CRM');
    await user.click(screen.getByRole('checkbox', { name: 'Oʻqish' }));
    await user.click(screen.getByRole('button', { name: 'Kalit yaratish' }));

    expect(await screen.findByTestId('error-scopes')).toHaveTextContent('Choose the read scope');
    expect(apiKeysClient.createApiKey).toHaveBeenCalledWith({ name: 'CRM', scopes: [] });
  });

  it('asks before revoking a key and then revokes it', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(apiKeysClient.getApiKeys).mockResolvedValue([listed]);
    vi.mocked(apiKeysClient.revokeApiKey).mockResolvedValue(undefined);
    renderRoute('/account/api-keys');
    const user = userEvent.setup();

    await user.click(await within(await screen.findByTestId('api-key')).findByRole('button', { name: 'Chaqirib olish' }));
    const dialog = screen.getByRole('alertdialog', { name: '“CRM” kaliti chaqirib olinsinmi?' });
    expect(dialog).toHaveTextContent('darhol rad etiladi');
    expect(apiKeysClient.revokeApiKey).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Chaqirib olish' }));

    expect(apiKeysClient.revokeApiKey).toHaveBeenCalledWith(listed.id);
  });
});
