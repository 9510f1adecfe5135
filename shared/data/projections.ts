// What the list indexes copy of each item: exactly what the lists read (and filter on), so a write
// updates small index entries and a list page is billed for rows, not whole records.

/** A student in a roster or school/county list (student-repo ROW_FIELDS), plus `grade` for the filter. */
export const STUDENT_ROW_FIELDS = ['studentId', 'nationalStudentNo', 'name', 'gender', 'birthDate', 'idNumber', 'phone', 'schoolId', 'gradeId', 'grade', 'classId', 'classSeatNo', 'orgPath', 'version', 'deleted', 'confirmation', 'status'] as const;

/** A correction in the registrar's queue (the same index as the class roster, another partition). */
export const CORRECTION_FIELDS = ['correctionId', 'studentId', 'schoolId', 'orgPath', 'changes', 'note', 'status', 'baseVersion', 'proposedBy', 'proposedAt', 'reviewedBy', 'reviewedAt', 'comment'] as const;
