// 排课 of one section: its teacher (the school's teacher accounts and the class's advisor), its room
// and its periods on the week's grid, saved with If-Match on the version read. A double booking is
// refused by the server (409 SCHEDULE_CONFLICT): the dialog says which of the teacher, the room or
// the class is taken, when, and by which section (its course and class, read from the id the
// refusal gives), marks that period red and the field it concerns. When someone else arranged the
// section meanwhile (412), the dialog shows the arrangement now and keeps the edit to save again.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Grid, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { getOrgRoute } from '#shared/api/identity.ts';
import { arrangeSectionRoute, getSectionRoute, listSectionsRoute } from '#shared/api/teaching.ts';
import { DAY_LABEL, MAX_SLOTS, RESOURCE_LABEL, type Resource, type Slot } from '#shared/domain/teaching/schedule.ts';
import { ApiClientError, request, type BodyOf } from '../../api/client.ts';
import { allPages } from '../../components/useCursorList.ts';
import { SECTIONS_KEY, slotsText, useTeacherOptions, type Section } from './data.ts';
import { SlotGrid, slotKey } from './SlotGrid.tsx';

interface Conflict {
  resource: Resource;
  key: string;
  title: string;
  text: string;
}

const sortSlots = (slots: readonly Slot[]) => [...slots].sort((a, b) => a.day - b.day || a.period - b.period);
const fromKey = (key: string): Slot => {
  const [day, period] = key.split('-').map(Number);
  return { day: day!, period: period! };
};

/** The refusal of a double booking in words: what is taken, when, and by which section. */
async function explainConflict(error: ApiClientError, context: { teacherLabel: string; room: string; className: (classId: string) => Promise<string> }): Promise<Conflict> {
  const details = error.details ?? {};
  const resource = (['teacher', 'room', 'class'] as const).find((value) => value === details.resource) ?? 'class';
  const day = Number(details.day);
  const period = Number(details.period);
  const when = `${DAY_LABEL[day] ?? ''}第${period}节`;
  const key = slotKey({ day, period });
  const otherId = typeof details.sectionId === 'string' ? details.sectionId : undefined;
  let other: { courseName: string; className: string; teacherName?: string | undefined } | undefined;
  if (otherId) {
    try {
      const { data } = await request(getSectionRoute, { params: { sectionId: otherId } });
      other = { courseName: data.courseName, className: await context.className(data.classId), teacherName: data.teacherName };
    } catch {
      other = undefined;
    }
  }
  const holder = other ? `“${other.courseName}”（${other.className}${other.teacherName && resource !== 'teacher' ? `，${other.teacherName}` : ''}）` : '另一个教学班的课';
  const title = `排课冲突：${RESOURCE_LABEL[resource]}在${when}已有课`;
  if (resource === 'teacher') return { resource, key, title, text: `任课教师“${context.teacherLabel}”在${when}已有${holder}。请换一个上课时间，或换一位任课教师。` };
  if (resource === 'room') return { resource, key, title, text: `教室“${context.room}”在${when}已安排${holder}。请换一个上课时间，或换一间教室。` };
  return { resource, key, title, text: `${other?.className ?? '本班'}在${when}已有${other ? `“${other.courseName}”` : '另一门课'}。同一班级同一时间只能上一门课，请换一个上课时间。` };
}

interface Props {
  section: Section;
  className: string;
  onClose: () => void;
}

function ArrangeForm({ section: initial, className: sectionClass, onClose }: Props) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const wide = Grid.useBreakpoint().md ?? true;
  const [base, setBase] = useState(initial);
  const [teacherId, setTeacherId] = useState<string | undefined>(initial.teacherId);
  const [room, setRoom] = useState(initial.room ?? '');
  const [slots, setSlots] = useState<Set<string>>(() => new Set(initial.slots.map(slotKey)));
  const [conflict, setConflict] = useState<Conflict>();
  /** Which field the conflict still concerns (cleared once that field is changed). */
  const [marked, setMarked] = useState<{ teacher: boolean; room: boolean; cell: boolean }>({ teacher: false, room: false, cell: false });
  const [fieldHelp, setFieldHelp] = useState<Partial<Record<'teacherId' | 'room' | 'slots', string>>>({});
  const [problem, setProblem] = useState<string>();
  const [stale, setStale] = useState<Section>();

  const teachers = useTeacherOptions(base.schoolId, base.classId);
  const options = [...(teachers.data ?? [])];
  if (base.teacherId && !options.some((option) => option.value === base.teacherId)) options.unshift({ value: base.teacherId, label: base.teacherName ?? base.teacherId });
  const teacherLabel = (id: string | undefined) => options.find((option) => option.value === id)?.label ?? base.teacherName ?? '';

  // The class's other sections this term: their periods, shown on the grid.
  const classSections = useQuery({
    queryKey: [...SECTIONS_KEY, base.term, 'class', base.classId, 'all'],
    queryFn: () => allPages(async (cursor) => (await request(listSectionsRoute, { query: { term: base.term, classId: base.classId, limit: 200, cursor } })).data),
  });
  const busy = new Map((classSections.data ?? []).filter((other) => other.sectionId !== base.sectionId).flatMap((other) => other.slots.map((slot) => [slotKey(slot), other.courseName] as const)));

  const className = async (classId: string) => (await client.fetchQuery({ queryKey: ['org', classId], queryFn: async () => (await request(getOrgRoute, { params: { orgId: classId } })).data, staleTime: 5 * 60_000 })).name;

  // Only what the registrar changed is sent: an arrangement someone else made meanwhile to another field stays.
  const sameSlots = (a: readonly Slot[], b: readonly Slot[]) => JSON.stringify(sortSlots(a)) === JSON.stringify(sortSlots(b));
  const chosenSlots = sortSlots([...slots].map(fromKey));
  const body: BodyOf<typeof arrangeSectionRoute> = {
    ...((base.teacherId ?? null) !== (teacherId ?? null) ? { teacherId: teacherId ?? null } : {}),
    ...((base.room ?? null) !== (room.trim() || null) ? { room: room.trim() || null } : {}),
    ...(sameSlots(base.slots, chosenSlots) ? {} : { slots: chosenSlots }),
  };
  const unchanged = Object.keys(body).length === 0;

  const save = useMutation({
    mutationFn: async () => (await request(arrangeSectionRoute, { params: { sectionId: base.sectionId }, body, headers: { 'if-match': `"${base.version}"` } })).data,
    onSuccess: async (saved) => {
      void message.success(`已保存：${saved.courseName}（${sectionClass}）`);
      await client.invalidateQueries({ queryKey: SECTIONS_KEY });
      onClose();
    },
    onError: async (error) => {
      setConflict(undefined);
      setFieldHelp({});
      setProblem(undefined);
      if (!(error instanceof ApiClientError)) return setProblem('保存失败，请重试');
      if (error.code === 'SCHEDULE_CONFLICT') {
        const explained = await explainConflict(error, { teacherLabel: teacherLabel(teacherId), room: room.trim(), className });
        setConflict(explained);
        setMarked({ teacher: explained.resource === 'teacher', room: explained.resource === 'room', cell: true });
        return;
      }
      if (error.status === 412) {
        // Arranged by someone else meanwhile: what the registrar changed stays, the rest becomes the
        // arrangement as it is now, to save on the new version.
        const { data } = await request(getSectionRoute, { params: { sectionId: base.sectionId } });
        const { roster: _roster, ...fresh } = data;
        if (!('teacherId' in body)) setTeacherId(fresh.teacherId);
        if (!('room' in body)) setRoom(fresh.room ?? '');
        if (!('slots' in body)) setSlots(new Set(fresh.slots.map(slotKey)));
        setBase(fresh);
        setStale(fresh);
        return;
      }
      if (error.code === 'NO_CHANGES') {
        void message.info('安排没有变化');
        return onClose();
      }
      const help: typeof fieldHelp = {};
      const rest: string[] = [];
      for (const field of error.fields) {
        if (field.path === 'teacherId' || field.path === 'room' || field.path.startsWith('slots')) help[field.path.startsWith('slots') ? 'slots' : (field.path as 'teacherId' | 'room')] = field.message;
        else rest.push(field.message);
      }
      setFieldHelp(help);
      if (error.fields.length === 0 || rest.length > 0) setProblem([error.message, ...rest].join('；'));
    },
  });

  const toggle = (slot: Slot) => {
    const key = slotKey(slot);
    const next = new Set(slots);
    if (next.has(key)) next.delete(key);
    else if (next.size >= MAX_SLOTS) return void message.warning(`每个教学班每周最多 ${MAX_SLOTS} 节`);
    else next.add(key);
    setSlots(next);
    setFieldHelp((help) => ({ ...help, slots: undefined }));
    if (conflict?.key === key) setMarked((current) => ({ ...current, cell: false }));
  };

  const conflictHelp = conflict ? `${DAY_LABEL[fromKey(conflict.key).day]}第${fromKey(conflict.key).period}节已有课` : undefined;
  const teacherHelp = fieldHelp.teacherId ?? (marked.teacher ? conflictHelp : undefined);
  const roomHelp = fieldHelp.room ?? (marked.room ? conflictHelp : undefined);

  return (
    <Form layout="vertical" onFinish={() => (unchanged ? (void message.info('安排没有变化'), onClose()) : save.mutate())}>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {base.courseName} · {sectionClass} · {base.credits} 学分
      </Typography.Paragraph>
      {stale && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setStale(undefined)}
          style={{ marginBottom: 16 }}
          title="在您编辑期间，这个教学班的安排已被他人修改"
          description={`现在的安排：任课教师 ${stale.teacherName ?? '未安排'}，教室 ${stale.room ?? '未安排'}，上课时间 ${slotsText(stale.slots)}。下方保留了您改动的项目，其余已换成现在的安排；核对后可再次保存。`}
          data-testid="arrange-stale"
        />
      )}
      {conflict && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={conflict.title} description={conflict.text} data-testid="schedule-conflict" />}
      {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={problem} />}
      <Flex gap={16} wrap>
        <Form.Item label="任课教师" htmlFor="teacherId" validateStatus={teacherHelp ? 'error' : undefined} help={teacherHelp} style={{ flex: '1 1 260px' }}>
          <Select
            id="teacherId"
            allowClear
            placeholder="选择本校教师"
            loading={teachers.isPending}
            value={teacherId}
            onChange={(value?: string) => {
              setTeacherId(value);
              setFieldHelp((help) => ({ ...help, teacherId: undefined }));
              setMarked((current) => ({ ...current, teacher: false }));
            }}
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={teachers.isError ? '教师名单读取失败' : '本校还没有教师账号'}
          />
        </Form.Item>
        <Form.Item label="教室" htmlFor="room" validateStatus={roomHelp ? 'error' : undefined} help={roomHelp} style={{ flex: '1 1 180px' }}>
          <Input
            id="room"
            allowClear
            maxLength={40}
            placeholder="如 A101"
            autoComplete="off"
            value={room}
            onChange={(event) => {
              setRoom(event.target.value);
              setFieldHelp((help) => ({ ...help, room: undefined }));
              setMarked((current) => ({ ...current, room: false }));
            }}
          />
        </Form.Item>
      </Flex>
      <Form.Item
        label={`上课时间 (已选 ${slots.size} 节，每周至多 ${MAX_SLOTS} 节)`}
        validateStatus={fieldHelp.slots ? 'error' : undefined}
        help={fieldHelp.slots ?? (wide ? '点击格子选择或取消；灰色格子是本班其他课程已占用的时间。' : '点格子选择或取消；灰格为本班其他课程。')}
      >
        <SlotGrid value={slots} onToggle={toggle} busy={busy} conflict={marked.cell ? conflict?.key : undefined} />
      </Form.Item>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose}>取消</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存安排
        </Button>
      </Flex>
    </Form>
  );
}

export function ArrangeDialog({ section, className, onClose }: { section: Section | undefined; className: string; onClose: () => void }) {
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <Modal open={section !== undefined} title="排课" footer={null} onCancel={onClose} destroyOnHidden width={wide ? 760 : '100%'} style={wide ? undefined : { top: 8, maxWidth: '100vw', paddingInline: 4 }}>
      {section && <ArrangeForm key={section.sectionId} section={section} className={className} onClose={onClose} />}
    </Modal>
  );
}
