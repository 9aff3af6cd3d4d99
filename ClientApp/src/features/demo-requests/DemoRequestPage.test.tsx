import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { demoRequestsClient } from '../../api/client';
import type { HttpValidationProblemDetails } from '../../api/generated/virtuops-api';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const createDemoRequest = vi.mocked(demoRequestsClient.createDemoRequest);

async function fillRequiredFields() {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Ism va familiya'), '  Dilnoza Karimova ');
  await user.type(screen.getByLabelText('Elektron pochta'), 'dilnoza@example');
  await user.type(screen.getByLabelText('Kompaniya nomi'), 'Samarkand Tours');
  return user;
}

describe('DemoRequestPage', () => {
  it('shows each server field error next to its field and keeps what was typed', async () => {
    const validationProblem: HttpValidationProblemDetails = {
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: { Email: ['Email is not a valid e-mail address.'] },
    };
    createDemoRequest.mockRejectedValue(validationProblem);
    renderRoute('/demo');
    const user = await fillRequiredFields();

    await user.click(screen.getByRole('button', { name: 'Soʻrov yuborish' }));

    expect(await screen.findByTestId('error-email')).toHaveTextContent(
      'Email is not a valid e-mail address.',
    );
    expect(screen.getByLabelText('Elektron pochta')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Elektron pochta')).toHaveAccessibleDescription(
      'Email is not a valid e-mail address.',
    );
    expect(screen.queryByTestId('error-fullName')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('belgilangan maydonlarni tekshiring');
    expect(screen.getByLabelText('Kompaniya nomi')).toHaveValue('Samarkand Tours');
    expect(screen.getByLabelText('Elektron pochta')).toHaveValue('dilnoza@example');
  });

  it('sends a trimmed command and thanks the user on success', async () => {
    createDemoRequest.mockResolvedValue('0196f2c4-0000-7000-8000-000000000001');
    renderRoute('/demo');
    const user = await fillRequiredFields();

    await user.click(screen.getByRole('button', { name: 'Soʻrov yuborish' }));

    expect(await screen.findByRole('heading', { name: 'Rahmat!' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Soʻrov yuborish' })).not.toBeInTheDocument();
    expect(createDemoRequest).toHaveBeenCalledExactlyOnceWith({
      fullName: 'Dilnoza Karimova',
      email: 'dilnoza@example',
      companyName: 'Samarkand Tours',
      phoneNumber: undefined,
      message: undefined,
    });
  });

  it('disables the submit button and shows progress while sending', async () => {
    let finish: (id: string) => void = () => {};
    createDemoRequest.mockReturnValue(new Promise<string>((resolve) => (finish = resolve)));
    renderRoute('/demo');
    const user = await fillRequiredFields();

    await user.click(screen.getByRole('button', { name: 'Soʻrov yuborish' }));

    expect(await screen.findByRole('button', { name: 'Yuborilmoqda…' })).toBeDisabled();
    finish('0196f2c4-0000-7000-8000-000000000002');
    expect(await screen.findByRole('heading', { name: 'Rahmat!' })).toBeInTheDocument();
  });

  it('explains a failure that is not a validation error', async () => {
    createDemoRequest.mockRejectedValue(new TypeError('Failed to fetch'));
    renderRoute('/demo');
    const user = await fillRequiredFields();

    await user.click(screen.getByRole('button', { name: 'Soʻrov yuborish' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Serverga ulanib boʻlmadi');
    expect(screen.getByRole('button', { name: 'Soʻrov yuborish' })).toBeEnabled();
  });
});
