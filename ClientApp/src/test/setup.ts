import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import i18n, { defaultLanguage } from '../i18n';

// findBy*/waitFor give up after 1 s by default; CI runs these beside the .NET tests on two busy cores.
configure({ asyncUtilTimeout: 5000 });

afterEach(async () => {
  cleanup();
  localStorage.clear();
  await i18n.changeLanguage(defaultLanguage);
});
