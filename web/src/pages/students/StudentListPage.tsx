export default function StudentListPage() { return <div>StudentListPage (in progress)</div>; }
