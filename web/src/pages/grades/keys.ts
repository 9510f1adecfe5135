// Where a section's grade sheet lives in the query cache: read by 我的教学班 (its status) and the
// grade entry page, written there after each save or submission, so both show the same sheet.
export const sheetKey = (sectionId: string) => ['grade-sheet', sectionId];
