// Every public route contract, for the OpenAPI document and the manifest agreement test.
import type { RouteContract } from '#shared/http/contract.ts';
import { devLoginRoute, devUsersRoute } from './dev-auth.ts';
import { getOrgRoute, listOrgChildrenRoute, meRoute, provinceFieldsRoute } from './identity.ts';
import { authConfigRoute, healthRoute, openApiRoute } from './system.ts';
import { createOrgRoute, createUserRoute, listOrgUsersRoute } from './admin.ts';
import { acceptCorrectionRoute, confirmRecordRoute, correctionQueueRoute, listStudentCorrectionsRoute, proposeCorrectionRoute, rejectCorrectionRoute } from './corrections.ts';
import { approveChangeRoute, cancelChangeRoute, fileChangeRoute, getChangeRoute, listChangesRoute, listTasksRoute, rejectChangeRoute } from './changes.ts';
import { addEvidenceRoute, listEvidenceRoute } from './evidence.ts';
import { getJobRoute, graduateGradeRoute, promoteSchoolRoute } from './jobs.ts';
import { createExportRoute, createExportScheduleRoute, deleteExportScheduleRoute, listExportSchedulesRoute, listExportsRoute } from './exports.ts';
import { getGradesRoute, getMakeupRoute, gradeSubmissionsRoute, listMakeupRoute, saveGradesRoute, saveMakeupGradesRoute, scheduleMakeupRoute, studentGradesRoute, submitGradesRoute } from './grades.ts';
import { createImportRoute, getImportRoute, getNumberingRoute, importTemplateRoute, listImportsRoute, putNumberingRoute, startImportRoute } from './imports.ts';
import { getRegistrationRoute, putRegistrationRoute } from './registration.ts';
import { addProblemEvidenceRoute, listProblemEvidenceRoute, listProblemsRoute, resolveProblemRoute, scanProblemsRoute } from './problems.ts';
import { getPhotoRoute, uploadPhotoRoute } from './photos.ts';
import { createPhotoBatchRoute, getPhotoBatchRoute, startPhotoBatchRoute } from './photo-batches.ts';
import { getStatsRoute } from './stats.ts';
import { deliverPacketRoute, exchangeDocumentRoute } from './exchange.ts';
import { arrangeSectionRoute, createCourseRoute, createPlanRoute, createSectionRoute, generateSectionsRoute, getSectionRoute, listCoursesRoute, listPlansRoute, listSectionsRoute } from './teaching.ts';
import { deleteStudentRoute, enrolRoute, getStudentRoute, listStudentsRoute, studentHistoryRoute, updateStudentRoute } from './students.ts';

export const allRoutes: RouteContract[] = [
  healthRoute,
  openApiRoute,
  authConfigRoute,
  devUsersRoute,
  devLoginRoute,
  meRoute,
  getOrgRoute,
  listOrgChildrenRoute,
  provinceFieldsRoute,
  createOrgRoute,
  listOrgUsersRoute,
  createUserRoute,
  enrolRoute,
  listStudentsRoute,
  getStudentRoute,
  updateStudentRoute,
  deleteStudentRoute,
  studentHistoryRoute,
  proposeCorrectionRoute,
  listStudentCorrectionsRoute,
  acceptCorrectionRoute,
  rejectCorrectionRoute,
  correctionQueueRoute,
  confirmRecordRoute,
  fileChangeRoute,
  listChangesRoute,
  getChangeRoute,
  approveChangeRoute,
  rejectChangeRoute,
  cancelChangeRoute,
  addEvidenceRoute,
  listEvidenceRoute,
  listTasksRoute,
  promoteSchoolRoute,
  graduateGradeRoute,
  getJobRoute,
  createExportRoute,
  listExportsRoute,
  createExportScheduleRoute,
  listExportSchedulesRoute,
  deleteExportScheduleRoute,
  createCourseRoute,
  listCoursesRoute,
  createPlanRoute,
  listPlansRoute,
  generateSectionsRoute,
  createSectionRoute,
  arrangeSectionRoute,
  listSectionsRoute,
  getSectionRoute,
  saveGradesRoute,
  submitGradesRoute,
  getGradesRoute,
  studentGradesRoute,
  listMakeupRoute,
  scheduleMakeupRoute,
  getMakeupRoute,
  saveMakeupGradesRoute,
  gradeSubmissionsRoute,
  importTemplateRoute,
  createImportRoute,
  listImportsRoute,
  startImportRoute,
  getImportRoute,
  getNumberingRoute,
  putNumberingRoute,
  getRegistrationRoute,
  putRegistrationRoute,
  scanProblemsRoute,
  listProblemsRoute,
  resolveProblemRoute,
  addProblemEvidenceRoute,
  listProblemEvidenceRoute,
  uploadPhotoRoute,
  getPhotoRoute,
  createPhotoBatchRoute,
  startPhotoBatchRoute,
  getPhotoBatchRoute,
  getStatsRoute,
  exchangeDocumentRoute,
  deliverPacketRoute,
];
