// 成绩录入 (登分) at /teaching/sections/:sectionId/grades: the section's roster as a spreadsheet,
// one student a row. Typing a score and Enter (or ↓) goes to the next student, ↑ back; a row's mark
// (缺考, 免考, 作弊) is chosen beside it or typed (Q, M, Z). A score the server would refuse (over
// 100, more than one decimal) is flagged in its cell before anything is sent. 保存草稿 sends the
// whole sheet (Ctrl+S too); 提交 asks first, saying that it locks the sheet; students still without
// a grade are marked red (also when the server finds them: GRADES_INCOMPLETE), students no longer on
// the roster are named (NOT_ON_ROSTER). Once submitted, the sheet is read-only: a change then needs
// a 成绩更正 application. Leaving with unsaved changes asks first.
import { ArrowLeftOutlined, AuditOutlined, CheckCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Grid, Input, Modal, Select, Skeleton, Tag, Typography, type InputRef } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useBlocker, useParams } from 'react-router';
import { getGradesRoute, saveGradesRoute, submitGradesRoute } from '#shared/api/grades.ts';
import { getOrgRoute } from '#shared/api/identity.ts';
import { getSectionRoute } from '#shared/api/teaching.ts';
import { MARK_LABEL, MARKS, passed, type Mark } from '#shared/domain/grades/sheet.ts';
import { ApiClientError, request, type BodyOf, type ResponseOf } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatTime } from '../../components/format.ts';
import { termLabel } from '../teaching/term.ts';
import { cellText, gradeText, parseCell, sameGrade, SHORTCUTS, type Cell } from './cells.ts';
import { CorrectionDialog, PendingCorrection, usePendingCorrections } from './Corrections.tsx';
import { sheetKey } from './keys.ts';
import { ExportButtons } from '../exports/ExportButtons.tsx';
import './grade-sheet.css';

type SectionView = ResponseOf<typeof getSectionRoute>;
type Sheet = ResponseOf<typeof getGradesRoute>;
type Grades = BodyOf<typeof saveGradesRoute>['grades'];

interface Row {
  studentId: string;
  name: string;
  seat: string;
  /** False for a student the sheet has a grade for but who has left the roster (moved class, left school). */
  onRoster: boolean;
}

/** Who exports a grade sheet besides its teacher: the school's office and the bureaus above. */
const EXPORTERS: ReadonlySet<string> = new Set(['school_registrar', 'county_admin', 'city_admin', 'province_admin']);

const MARK_OPTIONS = MARKS.map((mark) => ({ value: mark, label: MARK_LABEL[mark] }));

function resultOf(cell: Cell) {
  if (cell.kind === 'score') return passed({ score: cell.score });
  if (cell.kind === 'mark') return passed({ mark: cell.mark });
  return undefined;
}

function Result({ cell }: { cell: Cell }) {
  const result = resultOf(cell);
  if (result === undefined) return null;
  return <Typography.Text type={result ? 'success' : 'danger'}>{result ? '通过' : '未通过'}</Typography.Text>;
}

interface RowProps {
  index: number;
  row: Row;
  text: string;
  /** Show the cell's error even if it is one shown only once left (it was left, or saving was tried). */
  showError: boolean;
  missing: boolean;
  narrow: boolean;
  onText: (studentId: string, text: string) => void;
  onCommit: (studentId: string) => void;
  onKey: (index: number, event: KeyboardEvent<HTMLInputElement>) => void;
  onRemove: (studentId: string) => void;
  setRef: (index: number, input: InputRef | null) => void;
}

/** One student's row; re-rendered only when its own cell changes. */
const GradeRow = memo(function GradeRow({ index, row, text, showError, missing, narrow, onText, onCommit, onKey, onRemove, setRef }: RowProps) {
  const cell = parseCell(text);
  const error = cell.kind === 'invalid' && (showError || cell.atOnce) ? cell.message : undefined;
  const rowClass = missing ? 'is-missing' : !row.onRoster ? 'is-off-roster' : undefined;
  return (
    <>
      <tr className={rowClass} data-testid="grade-row" data-student={row.studentId}>
        <td className="seat">{row.seat}</td>
        <td className="name">
          <Flex wrap gap={4} align="center">
            <span data-testid="grade-name">{row.name}</span>
            {missing && <Tag color="red">{narrow ? '未录' : '未录入'}</Tag>}
            {!row.onRoster && (
              <>
                <Tag color="gold">不在名单</Tag>
                <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onRemove(row.studentId)}>
                  移出
                </Button>
              </>
            )}
          </Flex>
        </td>
        <td className="score">
          <Input
            ref={(input) => setRef(index, input)}
            size="small"
            value={text}
            status={error ? 'error' : undefined}
            inputMode="decimal"
            autoComplete="off"
            aria-label={`${row.name}的成绩`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `grade-error-${index}` : undefined}
            data-testid="grade-input"
            onChange={(event) => onText(row.studentId, event.target.value)}
            onBlur={() => onCommit(row.studentId)}
            onKeyDown={(event) => onKey(index, event)}
          />
        </td>
        <td className="mark">
          <Select<Mark>
            size="small"
            allowClear
            placeholder="—"
            aria-label={`${row.name}的标记`}
            data-testid="grade-mark"
            style={{ width: '100%' }}
            value={cell.kind === 'mark' ? cell.mark : undefined}
            options={MARK_OPTIONS}
            onChange={(mark?: Mark) => onText(row.studentId, mark ? MARK_LABEL[mark] : '')}
          />
        </td>
        <td className="result">
          <Result cell={cell} />
        </td>
      </tr>
      {error && (
        // The cell's complaint, right under it (spanning the columns to its right, so it reads on a phone too).
        <tr className={`cell-error-row ${rowClass ?? ''}`}>
          <td colSpan={2} />
          <td colSpan={3}>
            <span className="cell-error" id={`grade-error-${index}`} role="alert" data-testid="grade-error">
              {error}
            </span>
          </td>
        </tr>
      )}
    </>
  );
});

type SheetGrade = Sheet['grades'][number];

/** The sheet as a submitted (or someone else's) sheet reads: no inputs; `action`, a last column per row (成绩更正). */
function ReadOnlySheet({ rows, sheet, action }: { rows: Row[]; sheet: Sheet; action?: { title: string; render: (row: Row, grade: SheetGrade | undefined) => React.ReactNode } }) {
  const grades = new Map(sheet.grades.map((grade) => [grade.studentId, grade]));
  return (
    <table className="grade-sheet" data-testid="grade-sheet">
      <thead>
        <tr>
          <th className="seat">学号</th>
          <th className="name">姓名</th>
          <th className="score">成绩</th>
          <th className="result">结果</th>
          {action && <th className="action">{action.title}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const grade = grades.get(row.studentId);
          return (
            <tr key={row.studentId} data-testid="grade-row" data-student={row.studentId}>
              <td className="seat">{row.seat}</td>
              <td className="name" data-testid="grade-name">
                {row.name}
              </td>
              <td className="score" data-testid="grade-value">
                {grade ? gradeText(grade) : <Typography.Text type="secondary">未录入</Typography.Text>}
              </td>
              <td className="result">{grade && <Typography.Text type={grade.passed ? 'success' : 'danger'}>{grade.passed ? '通过' : '未通过'}</Typography.Text>}</td>
              {action && <td className="action">{action.render(row, grade)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The roster's students by seat, then any student the sheet still holds who left the roster (the
 * sheet names only students on the roster: one who left is named from an earlier read, if any).
 */
function rowsOf(section: SectionView, sheet: Sheet, removed: ReadonlySet<string>, known: ReadonlyMap<string, string> = new Map()): Row[] {
  const roster = section.roster ?? [];
  const on = new Set(roster.map((entry) => entry.studentId));
  const rows: Row[] = roster.map((entry, index) => ({ studentId: entry.studentId, name: entry.name, seat: entry.classSeatNo ?? String(index + 1), onRoster: true }));
  for (const grade of sheet.grades) {
    if (!on.has(grade.studentId) && !removed.has(grade.studentId)) rows.push({ studentId: grade.studentId, name: grade.name || known.get(grade.studentId) || '(已离开本班的学生)', seat: '—', onRoster: false });
  }
  return rows;
}

interface Problem {
  title: string;
  description?: string;
}

function GradeSheet({ section, sheet, className, onReload }: { section: SectionView; sheet: Sheet; className: string; onReload: () => Promise<void> }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const narrow = !(Grid.useBreakpoint().sm ?? true);
  const [saved, setSaved] = useState<Record<string, string>>(() => Object.fromEntries(sheet.grades.map((grade) => [grade.studentId, gradeText(grade)])));
  const [texts, setTexts] = useState<Record<string, string>>(saved);
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<Problem>();
  const [confirming, setConfirming] = useState(false);
  const inputs = useRef<(InputRef | null)[]>([]);

  // Names of everyone the roster has listed since the page opened: a student who leaves is still named.
  const known = useRef(new Map<string, string>());
  for (const entry of section.roster ?? []) known.current.set(entry.studentId, entry.name);
  const rows = useMemo(() => rowsOf(section, sheet, removed, known.current), [section, sheet, removed]);
  const cells = rows.map((row) => parseCell(texts[row.studentId] ?? ''));
  const dirty = rows.some((row) => !sameGrade(texts[row.studentId] ?? '', saved[row.studentId] ?? '')) || [...removed].some((studentId) => saved[studentId]);
  const invalid = rows.filter((_, index) => cells[index]!.kind === 'invalid');
  const onRoster = rows.filter((row) => row.onRoster);
  const filled = rows.filter((row, index) => row.onRoster && cells[index]!.kind !== 'empty' && cells[index]!.kind !== 'invalid');
  const marked = cells.filter((cell) => cell.kind === 'mark').length;
  /** 缺考 1 人、免考 2 人: the marks given, by kind. */
  const markCounts = MARKS.flatMap((mark) => {
    const count = cells.filter((cell) => cell.kind === 'mark' && cell.mark === mark).length;
    return count > 0 ? [`${MARK_LABEL[mark]} ${count} 人`] : [];
  }).join('、');
  const failed = cells.filter((cell) => resultOf(cell) === false).length;

  const focusRow = useCallback((index: number) => {
    const input = inputs.current[index];
    if (!input) return;
    input.focus();
    input.select();
    input.input?.scrollIntoView({ block: 'nearest' });
  }, []);

  const onText = useCallback((studentId: string, text: string) => {
    setTexts((current) => ({ ...current, [studentId]: text }));
    setLeft((current) => {
      if (!current.has(studentId)) return current;
      const next = new Set(current);
      next.delete(studentId);
      return next;
    });
    setMissing((current) => {
      if (!current.has(studentId) || parseCell(text).kind === 'empty') return current;
      const next = new Set(current);
      next.delete(studentId);
      return next;
    });
  }, []);
  const onCommit = useCallback((studentId: string) => {
    setTexts((current) => {
      const typed = current[studentId] ?? '';
      const shown = cellText(parseCell(typed), typed);
      return shown === typed ? current : { ...current, [studentId]: shown };
    });
    setLeft((current) => (current.has(studentId) ? current : new Set(current).add(studentId)));
  }, []);
  const onKey = useCallback(
    (index: number, event: KeyboardEvent<HTMLInputElement>) => {
      if (event.nativeEvent.isComposing) return;
      if (event.key === 'Enter' || event.key === 'ArrowDown') {
        event.preventDefault();
        focusRow(Math.min(index + 1, inputs.current.length - 1));
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        focusRow(Math.max(index - 1, 0));
      }
    },
    [focusRow],
  );
  const onRemove = useCallback((studentId: string) => setRemoved((current) => new Set(current).add(studentId)), []);
  const setRef = useCallback((index: number, input: InputRef | null) => {
    inputs.current[index] = input;
  }, []);

  /** The sheet to send; undefined (and the wrong cells shown) when a cell is wrong. */
  const payload = (): Grades | undefined => {
    if (invalid.length > 0) {
      setAttempted(true);
      setProblem({ title: `有 ${invalid.length} 处成绩填写不正确，请按提示修改后再保存`, description: `成绩为 0 至 100，最多一位小数；缺考、免考、作弊在“标记”中选择，或输入 ${SHORTCUTS}。` });
      focusRow(rows.indexOf(invalid[0]!));
      return undefined;
    }
    return rows.flatMap((row, index): Grades => {
      const cell = cells[index]!;
      if (cell.kind === 'score') return [{ studentId: row.studentId, score: cell.score }];
      if (cell.kind === 'mark') return [{ studentId: row.studentId, mark: cell.mark }];
      return [];
    });
  };

  /** What a refusal means for the sheet: rows named and marked, or the sheet read again. */
  const refused = async (error: unknown, sent: Grades | undefined) => {
    if (!(error instanceof ApiClientError)) return setProblem({ title: '保存失败，请重试' });
    if (error.code === 'NOT_ON_ROSTER') {
      const ids = new Set(error.fields.flatMap((field) => {
        const index = /^grades\.(\d+)\./.exec(field.path)?.[1];
        const entry = index === undefined ? undefined : sent?.[Number(index)];
        return entry ? [entry.studentId] : [];
      }));
      await onReload();
      const names = rows.filter((row) => ids.has(row.studentId)).map((row) => row.name);
      return setProblem({
        title: `${ids.size} 名学生已不在本教学班名单上：${names.join('、')}`,
        description: '他们可能已转出、调班或离校。名单已重新读取；仍在成绩单中的 (标为“不在名单”)，请点该行的“移出”后再保存。',
      });
    }
    if (error.code === 'GRADES_INCOMPLETE') {
      const ids = Array.isArray(error.details?.studentIds) ? (error.details.studentIds as string[]) : [];
      // A student may have joined the class since the page was read: read the roster again.
      if (ids.some((studentId) => !rows.some((row) => row.studentId === studentId))) await onReload();
      setMissing(new Set(ids));
      return setProblem({ title: error.message, description: '请为标红的学生录入成绩；缺考、免考或作弊请在“标记”中选择。' });
    }
    if (error.code === 'GRADES_LOCKED') {
      // Submitted meanwhile (another window): the page turns read-only, and says why.
      void message.warning(error.message, 8);
      return onReload();
    }
    if (error.status === 412) return setProblem({ title: error.message, description: '成绩单可能在另一个窗口中被保存了。本页的成绩仍在，核对后可再次保存。' });
    setProblem({ title: error.message, ...(error.fields.length > 0 ? { description: error.fields.map((field) => field.message).join('；') } : {}) });
  };

  const afterSave = (answer: Sheet) => {
    const next = Object.fromEntries(answer.grades.map((grade) => [grade.studentId, gradeText(grade)]));
    setSaved(next);
    setTexts((current) => Object.fromEntries(Object.entries(current).map(([studentId, text]) => [studentId, cellText(parseCell(text), text)])));
    client.setQueryData(sheetKey(section.sectionId), answer);
  };

  const save = useMutation({
    mutationFn: async (grades: Grades) => (await request(saveGradesRoute, { params: { sectionId: section.sectionId }, body: { grades } })).data,
    onSuccess: (answer) => {
      afterSave(answer);
      setProblem(undefined);
      void message.success(`草稿已保存：${answer.grades.length} 名学生的成绩`);
    },
    onError: (error, grades) => refused(error, grades),
  });

  const submit = useMutation({
    mutationFn: async (grades: Grades | undefined) => {
      // The sheet submitted is the one saved: unsaved changes go first.
      if (grades) afterSave((await request(saveGradesRoute, { params: { sectionId: section.sectionId }, body: { grades } })).data);
      return (await request(submitGradesRoute, { params: { sectionId: section.sectionId } })).data;
    },
    onSuccess: (answer) => {
      setConfirming(false);
      setProblem(undefined);
      client.setQueryData(sheetKey(section.sectionId), answer);
      // The page turns read-only: its note on the lock is at the top.
      window.scrollTo({ top: 0 });
      void message.success('成绩已提交并锁定');
    },
    onError: async (error, grades) => {
      setConfirming(false);
      await refused(error, grades);
    },
  });

  const saveDraft = () => {
    const grades = payload();
    if (grades) save.mutate(grades);
  };
  const askSubmit = () => {
    if (!payload()) return;
    const empty = onRoster.filter((row) => parseCell(texts[row.studentId] ?? '').kind === 'empty');
    if (empty.length > 0) {
      setMissing(new Set(empty.map((row) => row.studentId)));
      setProblem({ title: `还有 ${empty.length} 名学生没有成绩或标记 (已标红)`, description: '全部录完才能提交。缺考、免考或作弊请在“标记”中选择。' });
      focusRow(rows.indexOf(empty[0]!));
      return;
    }
    if (rows.some((row) => !row.onRoster)) {
      setProblem({ title: '成绩单中有不在本教学班名单上的学生', description: '请点这些行的“移出”后再提交。' });
      return;
    }
    setProblem(undefined);
    setConfirming(true);
  };

  // Ctrl+S (⌘S) saves the draft from anywhere on the sheet.
  const saveRef = useRef(saveDraft);
  saveRef.current = saveDraft;
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        saveRef.current();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Unsaved changes: leaving the page (a link, the menu, back) asks first; closing or reloading the tab too.
  const busy = save.isPending || submit.isPending;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !busy && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const summary = `共 ${onRoster.length} 人 · 已录 ${filled.length} 人${marked > 0 ? ` · 标记 ${marked} 人` : ''}${failed > 0 ? ` · 未通过 ${failed} 人` : ''}`;

  return (
    <Flex vertical gap={8}>
      <div className="grade-toolbar">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Flex align="center" gap={8} wrap>
            <Typography.Text data-testid="grade-summary">{summary}</Typography.Text>
            {dirty ? <Tag color="orange">有未保存的修改</Tag> : sheet.version > 0 ? <Tag color="blue">草稿已保存</Tag> : null}
          </Flex>
          <Flex gap={8}>
            <Button icon={<SaveOutlined />} loading={save.isPending} disabled={submit.isPending} onClick={saveDraft}>
              保存草稿
            </Button>
            <Button type="primary" icon={<CheckCircleOutlined />} disabled={save.isPending} loading={submit.isPending} onClick={askSubmit}>
              提交
            </Button>
          </Flex>
        </Flex>
      </div>
      {problem && <Alert type="error" showIcon closable onClose={() => setProblem(undefined)} title={problem.title} description={problem.description} data-testid="grade-problem" />}
      <Card size="small" styles={{ body: { padding: 0, overflowX: 'auto' } }}>
        <table className="grade-sheet" data-testid="grade-sheet">
          <thead>
            <tr>
              <th className="seat">学号</th>
              <th className="name">姓名</th>
              <th className="score">成绩</th>
              <th className="mark">标记</th>
              <th className="result">结果</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} style={{ textAlign: 'center', padding: 24 }}>
                  <Typography.Text type="secondary">本班暂无在读学生</Typography.Text>
                </td>
              </tr>
            )}
            {rows.map((row, index) => (
              <GradeRow
                key={row.studentId}
                index={index}
                row={row}
                text={texts[row.studentId] ?? ''}
                showError={attempted || left.has(row.studentId)}
                missing={missing.has(row.studentId)}
                narrow={narrow}
                onText={onText}
                onCommit={onCommit}
                onKey={onKey}
                onRemove={onRemove}
                setRef={setRef}
              />
            ))}
          </tbody>
        </table>
      </Card>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        输入成绩后按 Enter 或 ↓ 到下一名学生，↑ 回到上一名；{SHORTCUTS} 可直接输入；Ctrl+S 保存草稿。
      </Typography.Text>
      <Modal
        open={confirming}
        title="提交成绩"
        okText="确认提交"
        cancelText="再检查一下"
        okButtonProps={{ loading: submit.isPending }}
        onOk={() => submit.mutate(dirty ? payload() : undefined)}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
      >
        <Flex vertical gap={8} data-testid="submit-confirm">
          <Typography.Paragraph style={{ margin: 0 }}>
            将提交 <Typography.Text strong>{section.courseName}</Typography.Text> ({className}) 全部 {onRoster.length} 名学生的成绩：
            {onRoster.length - marked} 人有分数{marked > 0 ? `，${markCounts}` : ''}；{failed > 0 ? `共 ${failed} 人未通过` : '全部通过'}。
          </Typography.Paragraph>
          <Alert type="warning" showIcon title="提交后成绩单将锁定，不能再修改。" description="如需更改已提交的成绩，须提交成绩更正申请，经学校审核后更正。" />
          {dirty && <Typography.Text type="secondary">本页尚未保存的修改会先保存，再提交。</Typography.Text>}
        </Flex>
      </Modal>
      <Modal
        open={blocker.state === 'blocked'}
        title="成绩尚未保存"
        okText="离开"
        okButtonProps={{ danger: true }}
        cancelText="留在本页"
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        离开后，本页未保存的成绩将丢失。可以先点“保存草稿”再离开。
      </Modal>
    </Flex>
  );
}

export default function GradeEntryPage() {
  const { sectionId = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const section = useQuery({ queryKey: ['section', sectionId], queryFn: async () => (await request(getSectionRoute, { params: { sectionId } })).data });
  const sheet = useQuery({ queryKey: sheetKey(sectionId), queryFn: async () => (await request(getGradesRoute, { params: { sectionId } })).data });
  const classId = section.data?.classId;
  const klass = useQuery({ queryKey: ['org', classId], enabled: Boolean(classId), staleTime: 5 * 60_000, queryFn: async () => (await request(getOrgRoute, { params: { orgId: classId! } })).data });
  const reload = useCallback(async () => {
    await Promise.all([client.refetchQueries({ queryKey: ['section', sectionId] }), client.refetchQueries({ queryKey: sheetKey(sectionId) })]);
  }, [client, sectionId]);

  const teaches = me.role === 'teacher' || me.role === 'class_advisor';
  const term = section.data ? `?term=${section.data.term}` : '';
  const back = (
    <Link to={teaches ? `/teaching/my-sections${term}` : `/teaching/grade-submissions${term}`}>
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {teaches ? '我的教学班' : '成绩提交情况'}
      </Button>
    </Link>
  );
  const corrects = me.role === 'teacher' && section.data?.teacherId === me.userId && sheet.data?.status === 'submitted';
  const pending = usePendingCorrections(sectionId, corrects);
  const [correcting, setCorrecting] = useState<{ studentId: string; name: string; grade: SheetGrade }>();
  const title = (
    <Typography.Title level={3} style={{ margin: 0 }}>
      成绩录入
    </Typography.Title>
  );
  if (section.isPending || sheet.isPending) {
    return (
      <Flex vertical gap={12}>
        {title}
        <Skeleton active paragraph={{ rows: 8 }} />
      </Flex>
    );
  }
  if (section.isError) return <ErrorState error={section.error} onRetry={() => void section.refetch()} />;
  if (sheet.isError) return <ErrorState error={sheet.error} onRetry={() => void sheet.refetch()} />;

  const data = section.data;
  const className = klass.data?.name ?? data.classId;
  const mine = data.teacherId === me.userId;
  const locked = sheet.data.status === 'submitted';
  return (
    <Flex vertical gap={12} style={{ maxWidth: corrects ? 900 : 760 }}>
      <Flex vertical gap={0}>
        {teaches || me.role === 'school_registrar' ? back : null}
        <Flex align="center" gap={8} wrap>
          {title}
          {locked ? <Tag color="green">已提交</Tag> : <Tag color="orange">草稿</Tag>}
        </Flex>
        <Typography.Text type="secondary" data-testid="section-heading">
          {data.courseName} · {className} · {termLabel(data.term)} · {data.credits} 学分{data.teacherName ? ` · 任课教师 ${data.teacherName}` : ''}
        </Typography.Text>
      </Flex>
      {/* 登分表: the section's teacher, the school's office and the bureaus above export it (an advisor may not). */}
      {(mine || EXPORTERS.has(me.role)) && (
        <Card size="small" title="导出登分表" styles={{ header: { minHeight: 36 } }}>
          <ExportButtons target={{ kind: 'gradeSheet', sectionId }} />
        </Card>
      )}
      {locked ? (
        <>
          <Alert
            type="info"
            showIcon
            data-testid="grades-locked"
            title={`成绩已于 ${sheet.data.submittedAt ? formatTime(sheet.data.submittedAt) : ''} 提交并锁定，不能再修改。`}
            description="如需更改，须提交成绩更正申请，经学校审核后更正。"
          />
          <Card size="small" styles={{ body: { padding: 0, overflowX: 'auto' } }}>
            <ReadOnlySheet
              rows={rowsOf(data, sheet.data, new Set())}
              sheet={sheet.data}
              {...(corrects
                ? {
                    action: {
                      title: '成绩更正',
                      render: (row: Row, grade: SheetGrade | undefined) => {
                        const change = pending.get(row.studentId);
                        if (change) return <PendingCorrection change={change} />;
                        if (!grade) return null;
                        return (
                          <Button size="small" type="link" icon={<AuditOutlined />} style={{ paddingInline: 0 }} onClick={() => setCorrecting({ studentId: row.studentId, name: row.name, grade })}>
                            申请更正
                          </Button>
                        );
                      },
                    },
                  }
                : {})}
            />
          </Card>
          {corrects && <CorrectionDialog sectionId={sectionId} target={correcting} onClose={() => setCorrecting(undefined)} />}
        </>
      ) : mine ? (
        <GradeSheet key={sectionId} section={data} sheet={sheet.data} className={className} onReload={reload} />
      ) : (
        <>
          <Alert type="info" showIcon title="只有本教学班的任课教师可以录入和提交成绩。" description="以下是尚未提交的草稿。" />
          <Card size="small" styles={{ body: { padding: 0, overflowX: 'auto' } }}>
            <ReadOnlySheet rows={rowsOf(data, sheet.data, new Set())} sheet={sheet.data} />
          </Card>
        </>
      )}
    </Flex>
  );
}
