// 上课时间: the week as a grid, 星期一…星期日 across and 第1–12节 down; a click (or Space/Enter on
// a focused cell) takes a period or gives it back. Periods the class's other sections hold show
// their course, and the period a refusal named (SCHEDULE_CONFLICT) is marked red.
import { Grid } from 'antd';
import { DAY_LABEL, type Slot } from '#shared/domain/teaching/schedule.ts';

export const slotKey = (slot: Slot) => `${slot.day}-${slot.period}`;
const DAYS = [1, 2, 3, 4, 5, 6, 7];
const PERIODS = Array.from({ length: 12 }, (_, index) => index + 1);

interface Props {
  value: ReadonlySet<string>;
  onToggle: (slot: Slot) => void;
  /** Periods other sections of the class hold: their course's name. */
  busy: ReadonlyMap<string, string>;
  /** The period a refusal named. */
  conflict?: string | undefined;
  disabled?: boolean;
}

export function SlotGrid({ value, onToggle, busy, conflict, disabled }: Props) {
  const wide = Grid.useBreakpoint().sm ?? true;
  // Equal columns: a period's course name is cut short (its full name is in the cell's title).
  const head = wide ? 56 : 28;
  const cell = 76;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', tableLayout: 'fixed', width: wide ? head + 7 * cell : '100%', fontSize: wide ? 13 : 12 }} data-testid="slot-grid">
        <thead>
          <tr>
            <th style={{ width: head }} />
            {DAYS.map((day) => (
              <th key={day} style={{ width: wide ? cell : undefined, padding: '4px 0', fontWeight: 500, color: day > 5 ? '#8c8c8c' : undefined }}>
                {wide ? DAY_LABEL[day] : DAY_LABEL[day]!.replace('星期', '')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PERIODS.map((period) => (
            <tr key={period}>
              <th scope="row" style={{ fontWeight: 400, color: '#595959', padding: '0 4px', textAlign: 'right', whiteSpace: 'nowrap' }}>
                {wide ? `第${period}节` : period}
              </th>
              {DAYS.map((day) => {
                const key = slotKey({ day, period });
                const chosen = value.has(key);
                const other = busy.get(key);
                const clash = conflict === key;
                const background = clash ? '#ff4d4f' : chosen ? '#1677ff' : other ? '#f5f5f5' : '#fff';
                return (
                  <td key={day} style={{ padding: 2 }}>
                    <button
                      type="button"
                      disabled={disabled}
                      aria-pressed={chosen}
                      aria-label={`${DAY_LABEL[day]}第${period}节${other ? `，本班已有${other}` : ''}${clash ? '，冲突' : ''}`}
                      title={other ? `本班此时已有“${other}”` : undefined}
                      data-testid="slot-cell"
                      data-day={day}
                      data-period={period}
                      data-conflict={clash || undefined}
                      onClick={() => onToggle({ day, period })}
                      style={{
                        display: 'block',
                        width: '100%',
                        height: wide ? 30 : 28,
                        padding: '0 2px',
                        border: `1px solid ${clash ? '#ff4d4f' : chosen ? '#1677ff' : '#d9d9d9'}`,
                        borderRadius: 4,
                        background,
                        color: clash || chosen ? '#fff' : '#8c8c8c',
                        cursor: disabled ? 'not-allowed' : 'pointer',
                        overflow: 'hidden',
                        whiteSpace: 'nowrap',
                        textOverflow: 'ellipsis',
                        fontSize: 12,
                      }}
                    >
                      {clash ? '冲突' : chosen ? '✓' : (other ?? '')}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
