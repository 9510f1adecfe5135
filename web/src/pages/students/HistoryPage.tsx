export default function HistoryPage() { return <div>HistoryPage (in progress)</div>; }
