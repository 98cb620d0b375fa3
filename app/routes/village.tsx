// Placeholder: being built.
export default function Page() {
  return <h1>village</h1>;
}
