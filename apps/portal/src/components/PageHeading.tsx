/** A page's title and the sentence under it, shown above whatever state the page is in. */
export function PageHeading({ title, description }: { title: string; description: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{description}</p>
    </>
  );
}
