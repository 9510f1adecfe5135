// Student photos (照片), API.md "Photos": an upload form (a presigned POST straight to the bucket)
// for the school's registrar, and the photo's status with short-lived links for those who may read
// the full record.
import * as z from 'zod/mini';
import { id } from '#shared/domain/field-schemas.ts';
import { MAX_PHOTO_UPLOAD_BYTES } from '#shared/domain/photos/spec.ts';
import { once } from '#shared/domain/schema-once.ts';
import { defineRoute } from '#shared/http/contract.ts';

const StudentIdParams = once(() => z.object({ studentId: id('学生编号') }));

export const NewPhotoSchema = once(() =>
  z
    .strictObject({
      contentType: z.literal('image/jpeg', { error: (issue) => (typeof issue.input === 'string' ? '照片须为 JPEG (JPG) 格式' : undefined) }).check(z.meta({ title: '文件类型' })),
      size: z.int().check(
        z.gte(1, '文件不能为空'),
        z.lte(MAX_PHOTO_UPLOAD_BYTES, `文件不能超过 ${MAX_PHOTO_UPLOAD_BYTES / 1024} KB (照片须小于 60 KB)`),
        z.meta({ title: '文件大小 (字节)', description: '上传的文件必须正好这么大；照片须小于 60 KB，稍大的文件也能上传，核验时说明原因' }),
      ),
    })
    .check(z.meta({ id: 'NewPhoto' })),
);

export const PhotoUploadSchema = once(() =>
  z
    .strictObject({
      upload: z.strictObject({
        url: z.string().check(z.meta({ description: '以 multipart/form-data POST 到此地址' })),
        fields: z.record(z.string(), z.string()).check(z.meta({ description: '按原样、按顺序放入表单，文件放在最后 (字段名 file)；10 分钟内有效' })),
      }),
    })
    .check(z.meta({ id: 'PhotoUpload' })),
);

export const PhotoSchema = once(() =>
  z
    .strictObject({
      status: z.enum(['pending', 'accepted', 'rejected']).check(z.meta({ description: '最近一次上传: pending 等待上传或核验；accepted 已通过，成为当前照片；rejected 未通过 (见 reasons)' })),
      reasons: z.array(z.string()).check(z.meta({ description: '未通过的原因，每条一项 (rejected)' })),
      size: z.int().check(z.meta({ description: '最近一次上传的文件大小 (字节)' })),
      width: z.optional(z.int().check(z.meta({ description: '最近一次上传的宽度 (像素)，核验后' }))),
      height: z.optional(z.int().check(z.meta({ description: '最近一次上传的高度 (像素)，核验后' }))),
      uploadedAt: z.string(),
      checkedAt: z.optional(z.string()),
      url: z.optional(z.string().check(z.meta({ description: '当前照片 (最近一次通过核验的) 的地址，5 分钟内有效；新的上传未通过时仍是原来的照片' }))),
      thumbnailUrl: z.optional(z.string().check(z.meta({ description: '当前照片的缩略图 (宽 77 像素的 JPEG)，5 分钟内有效' }))),
      acceptedAt: z.optional(z.string().check(z.meta({ description: '当前照片通过核验的时间' }))),
    })
    .check(z.meta({ id: 'Photo' })),
);

export const uploadPhotoRoute = defineRoute({
  operationId: 'uploadPhoto',
  method: 'POST',
  path: '/v1/students/{studentId}/photo',
  summary: '上传学生照片 (JPEG): answers a presigned form that uploads the photo straight to storage; checked when it lands; the school registrar',
  tags: ['photos'],
  auth: true,
  params: StudentIdParams,
  body: NewPhotoSchema,
  response: PhotoUploadSchema,
  successStatus: 201,
  errors: [403, 404, 409],
});

export const getPhotoRoute = defineRoute({
  operationId: 'getPhoto',
  method: 'GET',
  path: '/v1/students/{studentId}/photo',
  summary: '学生照片: the latest upload’s check and links to the current photo and its thumbnail (those who may read the full record); 404 without a photo',
  tags: ['photos'],
  auth: true,
  params: StudentIdParams,
  response: PhotoSchema,
  successStatus: 200,
  errors: [403, 404],
});
