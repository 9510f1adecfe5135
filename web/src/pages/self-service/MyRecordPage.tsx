export default function MyRecordPage() { return <div>MyRecordPage (in progress)</div>; }
