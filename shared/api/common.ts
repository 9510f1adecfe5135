// Shapes shared by many routes: list paging and ids (API.md "Conventions"). Built on first use.
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { once } from '#shared/domain/schema-once.ts';

export const PageQuery = once(() =>
  z.object({
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 50),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  }),
);

export const listOf = <T extends z.core.$ZodType>(item: T) => z.strictObject({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export const OrgIdParams = once(() => z.object({ orgId: id('组织机构') }));
