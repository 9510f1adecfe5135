export default function EnrolPage() { return <div>EnrolPage (in progress)</div>; }
