export default function OrgPage() { return <div>OrgPage (in progress)</div>; }
