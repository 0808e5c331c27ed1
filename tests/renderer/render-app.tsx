import { render } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { createQueryClient } from '../../src-renderer/api/queries';
import { AppRoot } from '../../src-renderer/App';
import { setLanguage, type Language } from '../../src-renderer/i18n';
import { preloadAllScreens } from '../../src-renderer/screens/lazyScreens';

/** Renders the whole renderer against the fake bridge, in the given language. */
export async function renderApp(language: Language = 'zh-CN') {
  await setLanguage(language);
  // The screens load when their route opens (React.lazy); here they are fetched before the test's
  // clock starts, as the static imports were, so a findBy's wait is not spent transforming modules.
  await preloadAllScreens();
  const queryClient = createQueryClient();
  const utils = render(<AppRoot queryClient={queryClient} />);
  return { ...utils, queryClient };
}

/** Types into a field the fast way (a paste): per-key typing through antd forms is slow in jsdom. */
export async function fill(user: UserEvent, element: HTMLElement, text: string) {
  await user.click(element);
  await user.paste(text);
}
