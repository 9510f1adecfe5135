// The import bench's baselines: the items an import writes for its rows, written raw from this
// process to the same DynamoDB Local, as parallel as the import writes: chunks of CHUNK_ROWS rows,
// IMPORT_POLLERS chunks at once (the imports queue's pollers), and in each chunk ROWS_IN_FLIGHT
// requests at once where the import has that many rows' transactions. Per row: the record's items
// (newStudentItems, as an enrolment writes them) and its audit entry; the row's records are the
// rows of the bench's file as the import reads them (rowToStudent). Written either
//   batch        by BatchWriteItem, 25 items a request (the baseline), or
//   transaction  as the import commits them: one TransactWriteItems a row, each item on condition
//                that it is new, with the row's import marker. DynamoDB Local commits (and syncs)
//                each item of a batch on its own but a transaction once, so this is the floor the
//                import's writes can reach there; the batch is the floor on DynamoDB itself.
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { NewStudent } from '#shared/domain/student-record.ts';
import type { StudentRecord } from '#shared/domain/student.ts';
import { HEADERS, rowCells, seatOf, studentOf, type RoundPlace } from './import-file.ts';

/** BatchWriteItem's limit. */
const BATCH_ITEMS = 25;
/** The import worker writes this many rows of a chunk at once (shared/services/imports/write-chunk.ts PARALLEL_ROWS). */
export const ROWS_IN_FLIGHT = 8;

export interface BaselinePlace extends RoundPlace {
  schoolId: string;
  countyId: string;
  countyPath: string;
  gradeId: string;
  entryYear: string;
  classIds: string[];
}

export type BaselineMode = 'batch' | 'transaction';

export interface Baseline {
  /** Writes the rows' items; answers how many items that was. */
  write(mode: BaselineMode, place: BaselinePlace, region: string, firstSerial: number, rows: number, chunkRows: number, pollers: number): Promise<number>;
}

export async function baseline(table: string): Promise<Baseline> {
  // After useStackDynamo: the feature's own client and item builders, as the handlers use them.
  const { dynamo } = await import('#shared/data/dynamo-client.ts');
  const { newStudentItems } = await import('#shared/data/student-repo.ts');
  const { auditItem } = await import('#shared/data/audit.ts');
  const { enrolmentChanges } = await import('#shared/domain/student.ts');
  const { formalNumber } = await import('#shared/domain/national-student-no.ts');
  const { matchHeaders } = await import('#shared/domain/imports/columns.ts');
  const { rowToStudent } = await import('#shared/domain/imports/row.ts');
  const match = matchHeaders(HEADERS);

  /** The enrolment of the file's first row, read as the import reads it; the other rows differ only in who and where. */
  const template = (place: BaselinePlace, region: string): NewStudent => {
    const read = rowToStudent(rowCells(place, region, 0, 0), match, () => place.classIds[0]);
    if (!read.input) throw new Error(`bench import: the bench's row does not import: ${JSON.stringify(read.errors)}`);
    return read.input;
  };

  const itemsOf = (place: BaselinePlace, base: NewStudent, region: string, serial: number, index: number): Record<string, unknown>[] => {
    const student = studentOf(region, serial);
    const klass = Math.floor(index / place.classSize);
    const input: NewStudent = {
      ...base, name: student.name, gender: student.gender, birthDate: student.birthDate.toISOString().slice(0, 10), idNumber: student.idNumber,
      classId: place.classIds[klass]!,
    };
    const seat = seatOf(place, index);
    if (seat) input.classSeatNo = seat;
    else delete input.classSeatNo;
    const now = new Date().toISOString();
    const record = {
      ...input, studentId: randomUUID(), nationalStudentNo: formalNumber(student.idNumber),
      schoolId: place.schoolId, gradeId: place.gradeId, grade: place.entryYear, countyId: place.countyId, orgPath: `${place.countyPath}/${place.schoolId}/${place.gradeId}/${input.classId}`,
      version: 1, createdAt: now, updatedAt: now,
    } as StudentRecord;
    const audit = auditItem(table, { entity: { type: 'STUDENT', id: record.studentId }, actor: { userId: 'bench', displayName: '压测教务', role: 'school_registrar' }, action: 'enrol', changes: enrolmentChanges(input) });
    return [...newStudentItems(record), audit.Put!.Item!];
  };

  /** A row's items as the import commits them: every one on condition that it is new, and the row's marker. */
  const transactRow = async (items: Record<string, unknown>[], marker: string) => {
    const puts = [...items, { PK: `BENCHROW#${marker}`, SK: 'ROW', itemType: 'importRow', studentId: items[0]!.studentId }];
    await dynamo.send(new TransactWriteCommand({ TransactItems: puts.map((Item) => ({ Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(PK)' } })) }));
  };

  const batchWrite = async (items: Record<string, unknown>[]) => {
    let requests: Record<string, unknown>[] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; requests && requests.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error(`BatchWriteItem: ${requests.length} items still unprocessed`);
      const result = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = result.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
    }
  };

  return {
    async write(mode, place, region, firstSerial, rows, chunkRows, pollers) {
      const base = template(place, region);
      const run = randomUUID();
      const chunks = Math.ceil(rows / chunkRows);
      let nextChunk = 0;
      let items = 0;
      await Promise.all(
        Array.from({ length: Math.min(pollers, chunks) }, async () => {
          while (nextChunk < chunks) {
            const chunk = nextChunk++;
            const from = chunk * chunkRows;
            const rowItems = Array.from({ length: Math.min(chunkRows, rows - from) }, (_, i) => itemsOf(place, base, region, firstSerial + from + i, from + i));
            if (mode === 'transaction') {
              items += rowItems.reduce((sum, row) => sum + row.length + 1, 0);
              let nextRow = 0;
              await Promise.all(
                Array.from({ length: ROWS_IN_FLIGHT }, async () => {
                  while (nextRow < rowItems.length) {
                    const row = nextRow++;
                    await transactRow(rowItems[row]!, `${run}#${from + row}`);
                  }
                }),
              );
              continue;
            }
            const chunkItems = rowItems.flat();
            items += chunkItems.length;
            let nextBatch = 0;
            await Promise.all(
              Array.from({ length: ROWS_IN_FLIGHT }, async () => {
                while (nextBatch * BATCH_ITEMS < chunkItems.length) {
                  const start = BATCH_ITEMS * nextBatch++;
                  await batchWrite(chunkItems.slice(start, start + BATCH_ITEMS));
                }
              }),
            );
          }
        }),
      );
      return items;
    },
  };
}
