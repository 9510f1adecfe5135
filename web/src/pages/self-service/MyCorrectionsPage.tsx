export default function MyCorrectionsPage() { return <div>MyCorrectionsPage (in progress)</div>; }
