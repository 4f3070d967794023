import type { Page } from 'playwright-core';

/** Signs in through the form the way a person does; `totp` answers the second step when the account asks. */
export async function signInWithPassword(page: Page, baseUrl: string, user: { username: string; password: string; totp?: () => Promise<string> }): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.locator('input[name=username]').fill(user.username);
  await page.locator('input[name=password]').fill(user.password);
  await page.locator('form[aria-labelledby=signin-title] button[type=submit]').click();
  if (user.totp) {
    await page.locator('input[name=totp]').waitFor();
    await page.locator('input[name=totp]').fill(await user.totp());
    await page.locator('form[aria-labelledby=signin-title] button[type=submit]').click();
  }
  await page.locator('nav.sidenav').waitFor();
}

/** The automation path: an API token pasted into the sign-in page. */
export async function signInWithToken(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.locator('details.signin-card summary').click();
  await page.locator('input[name=token]').fill(token);
  await page.locator('details.signin-card button[type=submit]').click();
  await page.locator('nav.sidenav').waitFor();
}
