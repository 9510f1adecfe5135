export default function CorrectionQueuePage() { return <div>CorrectionQueuePage (in progress)</div>; }
