// Loads handler modules in-process (the same files the stacks bundle) and invokes them inside a
// grant scope, so the local runtime refuses what the deployed IAM role would refuse.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import type { FunctionDef } from '#shared/manifest/types.ts';
import { withinGrants } from './grant-guard.ts';
import { lambdaContext } from './lambda-context.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export class LocalFunctions {
  private readonly loaded = new Map<string, Promise<Handler>>();
  private readonly root: string;
  private readonly region: string;

  constructor(root: string, region: string) {
    this.root = root;
    this.region = region;
  }

  private load(fn: FunctionDef): Promise<Handler> {
    let handler = this.loaded.get(fn.id);
    if (!handler) {
      handler = import(pathToFileURL(resolve(this.root, fn.entry)).href).then((module: { handler?: Handler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${fn.entry} does not export a handler`);
        return module.handler;
      });
      this.loaded.set(fn.id, handler);
    }
    return handler;
  }

  /** Loads every handler now, so a broken entry fails the start, not the first request. */
  async preload(functions: FunctionDef[]): Promise<void> {
    await Promise.all(functions.map((fn) => this.load(fn)));
  }

  async invoke(fn: FunctionDef, event: unknown): Promise<unknown> {
    const handler = await this.load(fn);
    return withinGrants(fn, () => handler(event, lambdaContext(fn, this.region)));
  }
}
