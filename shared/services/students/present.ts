// What a caller sees of a record: everything for the offices that keep records and the student
// itself; ID numbers, phones and addresses masked for everyone else, and always in lists. A G
// national student number is G + the ID number, so it is masked wherever the ID number is (L and
// J numbers carry no ID number and stay readable).
import { decide } from '#shared/domain/policy.ts';
import type { Principal } from '#shared/domain/principal.ts';
import { isConfirmed, statusOf, type StudentRecord } from '#shared/domain/student.ts';
import { maskAddress, maskIdNumber, maskNationalStudentNo, maskPhone } from '#shared/domain/masking.ts';
import type { Guardian } from '#shared/domain/student-record.ts';
import type { StudentRow } from '#shared/data/student-repo.ts';
import { studentTarget } from './access.ts';

const maskGuardian = (guardian: Guardian): Guardian => ({
  ...guardian,
  idNumber: maskIdNumber(guardian.idNumber),
  phone: maskPhone(guardian.phone),
  address: maskAddress(guardian.address),
});

export function presentStudent(record: StudentRecord, principal: Principal) {
  const { confirmation: _confirmation, orgPath: _orgPath, ...rest } = record;
  const full = decide(principal, 'student.readFull', studentTarget(record)).allowed;
  const confirmed = isConfirmed(record);
  const view = { ...rest, status: statusOf(record), confirmed, ...(confirmed ? { confirmedAt: record.confirmation!.at } : {}), masked: !full };
  if (full) return view;
  return {
    ...view,
    idNumber: maskIdNumber(record.idNumber),
    nationalStudentNo: maskNationalStudentNo(record.nationalStudentNo),
    phone: maskPhone(record.phone) ?? '',
    currentAddress: maskAddress(record.currentAddress) ?? '',
    mailingAddress: maskAddress(record.mailingAddress) ?? '',
    homeAddress: maskAddress(record.homeAddress) ?? '',
    guardians: record.guardians.map(maskGuardian),
  };
}

export function summarizeStudent(record: StudentRow) {
  return {
    studentId: record.studentId,
    nationalStudentNo: maskNationalStudentNo(record.nationalStudentNo),
    name: record.name,
    gender: record.gender,
    birthDate: record.birthDate,
    idNumber: maskIdNumber(record.idNumber),
    phone: maskPhone(record.phone),
    schoolId: record.schoolId,
    gradeId: record.gradeId,
    classId: record.classId,
    classSeatNo: record.classSeatNo,
    deleted: Boolean(record.deleted),
    status: statusOf(record),
    confirmed: isConfirmed(record),
  };
}

export const etagOf = (record: StudentRecord): string => `"${record.version}"`;
