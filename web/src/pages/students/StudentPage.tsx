export default function StudentPage() { return <div>StudentPage (in progress)</div>; }
