// Working antd forms the way a person does, for the browser suites: choosing in a select by typing,
// and reading the message shown under a field.
import type { Locator, Page } from 'playwright-core';

/** The form item around the input with this id (antd ids fields by their name path: `changes_phone`). */
const formItem = (page: Page, id: string): Locator => page.locator('.ant-form-item', { has: page.locator(`#${id}`) });

/** Waits for this error under that field (an earlier one may still be fading out). */
export async function fieldError(page: Page, id: string, text: string): Promise<void> {
  await formItem(page, id).locator('.ant-form-item-explain-error', { hasText: text }).waitFor();
}

/** Opens the select with this input id, types to filter, and picks the option with this exact label. */
export async function choose(page: Page, id: string, label: string): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(label);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }).first().click();
  await page.keyboard.press('Escape');
}
