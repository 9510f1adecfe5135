// 学期: a drop-down of the recent terms in words (2026-2027学年第一学期); typing a term in the API's
// form (2030-2031-1) offers it too, so any term can be reached.
import { Select } from 'antd';
import { useState } from 'react';
import { isTerm, termChoices, termLabel } from './term.ts';

interface Props {
  value?: string | undefined;
  onChange?: (term: string | undefined) => void;
  /** Terms to offer besides the recent ones (a student's terms with grades). */
  extra?: readonly string[];
  /** Offered as the empty choice when set (全部学期). */
  allLabel?: string;
  id?: string;
  style?: React.CSSProperties;
}

const matches = (term: string, search: string) => {
  const text = search.trim();
  return term.includes(text) || termLabel(term).includes(text);
};

export function TermPicker({ value, onChange, extra = [], allLabel, id = 'term', style }: Props) {
  const [search, setSearch] = useState('');
  const typed = search.trim();
  const terms = termChoices([...extra, ...(value ? [value] : []), ...(isTerm(typed) ? [typed] : [])]);
  return (
    <Select<string>
      id={id}
      aria-label="学期"
      style={{ minWidth: 220, ...style }}
      value={value}
      allowClear={allLabel !== undefined}
      placeholder={allLabel ?? '选择学期'}
      onChange={(term?: string) => {
        setSearch('');
        onChange?.(term || undefined);
      }}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: (input, option) => matches(String(option?.value ?? ''), input) }}
      options={terms.map((term) => ({ value: term, label: termLabel(term) }))}
      notFoundContent="请按 2026-2027-1 的格式输入学年和学期"
    />
  );
}
