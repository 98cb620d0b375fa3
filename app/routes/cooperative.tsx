// Placeholder: being built.
export default function Page() {
  return <h1>cooperative</h1>;
}
